package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;

/** PyTorch {@code nn.Conv2d} (square kernel, symmetric zero padding), NCHW. */
public final class Conv2d extends ConvNd {

    private Conv2d(Builder b) {
        super(b, 2);
    }

    @Override
    NDArray conv(NDArray x, NDArray w, NDArray b) {
        return ai.djl.nn.convolutional.Conv2d.conv2d(x, w, b, stride, padding, dilation, groups)
                .singletonOrThrow();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Conv2d}. */
    public static final class Builder extends ConvNd.Builder<Builder> {
        public Conv2d build() {
            return new Conv2d(this);
        }
    }
}
