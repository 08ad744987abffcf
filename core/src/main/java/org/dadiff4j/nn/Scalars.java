package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

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
        try (NDArray c = constant(x, v)) {
            return x.mul(c);
        }
    }

    /** x·v in place. */
    public static NDArray muli(NDArray x, float v) {
        try (NDArray c = constant(x, v)) {
            return x.muli(c);
        }
    }

    /** x/v as a new array. */
    public static NDArray div(NDArray x, float v) {
        try (NDArray c = constant(x, v)) {
            return x.div(c);
        }
    }

    /** x/v in place. */
    public static NDArray divi(NDArray x, float v) {
        try (NDArray c = constant(x, v)) {
            return x.divi(c);
        }
    }

    /** max(x, v) elementwise, as a new array. */
    public static NDArray maximum(NDArray x, float v) {
        try (NDArray c = constant(x, v)) {
            return x.maximum(c);
        }
    }

    private static NDArray constant(NDArray like, float v) {
        return like.getManager().full(new Shape(), v, like.getDataType());
    }
}
