package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2dTranspose;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * PyTorch's {@code nn.ConvTranspose2d} with a square kernel and no padding, as used by U-Net up
 * steps: {@code weight} is [in, out, k, k] (PyTorch's layout), {@code bias} is [out].
 */
public final class ConvTranspose2d extends TorchBlock {

    private final Shape stride;
    private final Parameter weight;
    private final Parameter bias;

    public ConvTranspose2d(int in, int out, int kernel, int stride, boolean bias) {
        this.stride = new Shape(stride, stride);
        weight = weight("weight", new Shape(in, out, kernel, kernel));
        this.bias = bias ? bias("bias", new Shape(out)) : null;
    }

    /** Upsamples an NCHW tensor: H' = (H - 1) * stride + kernel. */
    public NDArray apply(NDArray x) {
        NDArray b = bias == null ? null : bias.getArray();
        return Conv2dTranspose.conv2dTranspose(x, weight.getArray(), b, stride, new Shape(0, 0),
                new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow()));
    }
}
