package org.dadiff4j.models.compact;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * Lossless moves between HR and LR resolution ({@code torch.nn.functional.pixel_shuffle} and
 * {@code pixel_unshuffle} by reshape and transpose, since DJL has neither) and the area reduction
 * used as Gd's skip path.
 */
public final class Resampling {

    private Resampling() {}

    /** [N, C, H, W] to [N, C·s², H/s, W/s], channel c·s² + i·s + j holding pixel (h·s + i, w·s + j). */
    public static NDArray unshuffle(NDArray x, int s) {
        Shape sh = x.getShape();
        long n = sh.get(0);
        long c = sh.get(1);
        long h = sh.get(2) / s;
        long w = sh.get(3) / s;
        if (h * s != sh.get(2) || w * s != sh.get(3)) {
            throw new IllegalArgumentException("size " + sh + " is not a multiple of " + s);
        }
        return x.reshape(n, c, h, s, w, s).transpose(0, 1, 3, 5, 2, 4).reshape(n, c * s * s, h, w);
    }

    /** The inverse of {@link #unshuffle}: [N, C·s², h, w] to [N, C, h·s, w·s]. */
    public static NDArray shuffle(NDArray x, int s) {
        Shape sh = x.getShape();
        long n = sh.get(0);
        long c = sh.get(1) / (s * s);
        long h = sh.get(2);
        long w = sh.get(3);
        if (c * s * s != sh.get(1)) {
            throw new IllegalArgumentException("channels of " + sh + " are not a multiple of " + s * s);
        }
        return x.reshape(n, c, s, s, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, c, h * s, w * s);
    }

    /** The mean of every s×s block. */
    public static NDArray areaDown(NDArray x, int s) {
        Shape k = new Shape(s, s);
        return Pool.avgPool2d(x, k, k, new Shape(0, 0), false, true);
    }
}
