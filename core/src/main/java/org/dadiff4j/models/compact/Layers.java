package org.dadiff4j.models.compact;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.dadiff4j.nn.Conv2d;

/** The layer kinds and the pooling every part of the compact family uses. */
final class Layers {

    private static final float SLOPE = 0.2f;

    private Layers() {}

    /** A square conv with bias and "same" padding (odd kernels). */
    static Conv2d conv(int in, int out, int kernel) {
        return Conv2d.builder().setInChannels(in).setOutChannels(out).setKernel(kernel)
                .optPadding(kernel / 2).build();
    }

    static NDArray lrelu(NDArray x) {
        return Activation.leakyRelu(x, SLOPE);
    }

    /** [N, C, H, W] -> [N, C, 1, 1], one axis at a time: the engine lacks a multi-axis mean. */
    static NDArray imageMean(NDArray x) {
        return x.mean(new int[] {3}, true).mean(new int[] {2}, true);
    }
}
