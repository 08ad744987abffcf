package org.dadiff4j.eval.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * PyTorch's {@code max_pool2d} and {@code avg_pool2d} (square window, floor mode, symmetric
 * padding) on NCHW tensors. Padded cells never win a max, and with {@code countIncludePad=false}
 * an average divides by the number of cells inside the image only.
 */
final class Pooling {

    private Pooling() {}

    static NDArray max(NDArray x, int kernel, int stride, int padding) {
        return Pool.maxPool2d(x, square(kernel), square(stride), square(padding), false);
    }

    static NDArray avgExcludingPad(NDArray x, int kernel, int stride, int padding) {
        return Pool.avgPool2d(x, square(kernel), square(stride), square(padding), false, false);
    }

    private static Shape square(int v) {
        return new Shape(v, v);
    }
}
