package org.dadiff4j.eval.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * PyTorch's {@code max_pool2d} and {@code avg_pool2d} (square window, floor mode, symmetric
 * padding) on NCHW tensors. Padded cells never win a max, and with {@code count_include_pad=False}
 * an average divides by the number of cells inside the image only.
 */
final class Pooling {

    private Pooling() {}

    static NDArray max(NDArray x, int kernel, int stride, int padding) {
        return Pool.maxPool2d(x, square(kernel), square(stride), square(padding), false);
    }

    /**
     * {@code avg_pool2d(count_include_pad=False)}. DJL 0.36's PyTorch engine ignores its
     * countIncludePad flag and always divides by k², so the k² average is rescaled by k²/count per
     * output cell. Where the window lies inside the image the factor is exactly 1 and the result is
     * PyTorch's own; at the border it differs by about one float32 rounding.
     */
    static NDArray avgExcludingPad(NDArray x, int kernel, int stride, int padding) {
        Shape s = x.getShape();
        int h = Math.toIntExact(s.get(2));
        int w = Math.toIntExact(s.get(3));
        int oh = (h + 2 * padding - kernel) / stride + 1;
        int ow = (w + 2 * padding - kernel) / stride + 1;
        float[] factor = new float[oh * ow];
        for (int oy = 0; oy < oh; oy++) {
            int rows = inside(oy * stride - padding, kernel, h);
            for (int ox = 0; ox < ow; ox++) {
                int cols = inside(ox * stride - padding, kernel, w);
                factor[oy * ow + ox] = (float) ((double) (kernel * kernel) / (rows * cols));
            }
        }
        try (NDArray avg = Pool.avgPool2d(x, square(kernel), square(stride), square(padding), false, true);
                NDArray f = x.getManager().create(factor, new Shape(oh, ow))) {
            return avg.mul(f);
        }
    }

    /** How many of the cells start .. start + kernel − 1 lie in 0 .. size − 1. */
    private static int inside(int start, int kernel, int size) {
        return Math.min(start + kernel, size) - Math.max(start, 0);
    }

    private static Shape square(int v) {
        return new Shape(v, v);
    }
}
