package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.TorchBlock;

/**
 * A plain {@code nn.Conv2d} (square kernel, zero padding) with {@code weight} [out, in, k, k] and
 * optional {@code bias}. Kept package-private until the shared {@code nn.Conv2d} lands.
 */
final class PlainConv extends TorchBlock {

    private final Shape stride;
    private final Shape padding;
    private final Parameter weight;
    private final Parameter bias;

    PlainConv(int in, int out, int kernel, int stride, int padding, boolean bias) {
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
        weight = weight("weight", new Shape(out, in, kernel, kernel));
        this.bias = bias ? bias("bias", new Shape(out)) : null;
    }

    NDArray apply(NDArray x) {
        NDArray b = bias == null ? null : bias.getArray();
        return ai.djl.nn.convolutional.Conv2d.conv2d(x, weight.getArray(), b, stride, padding,
                new Shape(1, 1), 1).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow()));
    }
}
