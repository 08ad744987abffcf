package org.dadiff4j.degrade.operator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/** Periodic indexing and correlation of single-channel images [B, 1, H, W]. */
final class Circular {

    private Circular() {}

    /**
     * The periodic extension of {@code x} along {@code axis} (2 or 3), read from {@code start} for
     * {@code length} samples: element t is {@code x[(start + t) mod n]}.
     */
    static NDArray window(NDArray x, int axis, long start, long length) {
        long n = x.getShape().get(axis);
        NDList pieces = new NDList();
        long at = Math.floorMod(start, n);
        for (long left = length; left > 0; ) {
            long take = Math.min(n - at, left);
            pieces.add(slice(x, axis, at, at + take));
            left -= take;
            at = 0;
        }
        if (pieces.size() == 1) {
            return pieces.get(0);
        }
        try (NDList p = pieces) {
            return NDArrays.concat(p, axis);
        }
    }

    private static NDArray slice(NDArray x, int axis, long from, long to) {
        String range = from + ":" + to;
        return x.get(new NDIndex(axis == 2 ? ":, :, " + range : ":, :, :, " + range));
    }

    /**
     * {@code out[i, j] = sum_{a,b} w[a, b] * x[(s i + start + a) mod H, (s j + start + b) mod W]}
     * for i < outH, j < outW: the periodic correlation of x with a [1, 1, k, k] kernel, sampled
     * every {@code stride} pixels from offset {@code start}.
     */
    static NDArray correlate(NDArray x, NDArray w, long start, int stride, long outH, long outW) {
        long k = w.getShape().get(2);
        try (NDArray rows = window(x, 2, start, stride * (outH - 1) + k);
                NDArray both = window(rows, 3, start, stride * (outW - 1) + k)) {
            return Conv2d.conv2d(both, w, null, new Shape(stride, stride), new Shape(0, 0), new Shape(1, 1), 1)
                    .singletonOrThrow();
        }
    }
}
