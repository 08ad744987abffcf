package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;

/** PyTorch {@code nn.Conv1d}, NCL; guided-diffusion's attention uses it with kernel 1. */
public final class Conv1d extends ConvNd {

    private Conv1d(Builder b) {
        super(b, 1);
    }

    @Override
    NDArray conv(NDArray x, NDArray w, NDArray b) {
        return ai.djl.nn.convolutional.Conv1d.conv1d(x, w, b, stride, padding, dilation, groups)
                .singletonOrThrow();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Conv1d}. */
    public static final class Builder extends ConvNd.Builder<Builder> {
        public Conv1d build() {
            return new Conv1d(this);
        }
    }
}
