package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * Products and quotients with a constant that autograd may keep for the backward pass. DJL's
 * {@code Number} overloads ({@code x.mul(2f)}) wrap the constant in a tensor over a Java buffer and
 * close it straight away; the product's backward pass still holds that tensor, and once the garbage
 * collector has freed the buffer it reads whatever took its place (training runs then differed at
 * random steps). Here the constant lives in the engine's memory, which autograd's reference keeps.
 * Sums and differences are safe with the overloads: their backward pass does not read the constant.
 */
public final class Scalars {

    private Scalars() {}

    /** x·v as a new array. */
    public static NDArray mul(NDArray x, float v) {
        return with(x, v, NDArray::mul);
    }

    /** x·v in place. */
    public static NDArray muli(NDArray x, float v) {
        return with(x, v, NDArray::muli);
    }

    /** x/v as a new array. */
    public static NDArray div(NDArray x, float v) {
        return with(x, v, NDArray::div);
    }

    /** x/v in place. */
    public static NDArray divi(NDArray x, float v) {
        return with(x, v, NDArray::divi);
    }

    /** max(x, v) elementwise, as a new array. */
    public static NDArray maximum(NDArray x, float v) {
        return with(x, v, NDArray::maximum);
    }

    /** {@code op(x, v)} with v as an engine-owned 0-d array, released once the op has run. */
    private static NDArray with(NDArray x, float v, BinaryOperator<NDArray> op) {
        try (NDArray c = x.getManager().full(new Shape(), v, x.getDataType())) {
            return op.apply(x, c);
        }
    }
}
