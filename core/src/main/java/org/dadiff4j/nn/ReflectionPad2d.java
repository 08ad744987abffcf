package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;

/**
 * PyTorch's {@code nn.ReflectionPad2d} with the same padding on all four sides: the border row or
 * column itself is not repeated ({@code [a b c d]} padded by 2 gives {@code [c b a b c d c b]}).
 */
public final class ReflectionPad2d extends UnaryBlock {

    private final int pad;

    public ReflectionPad2d(int pad) {
        this.pad = pad;
    }

    /** Pads the last two axes of an NCHW tensor. */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return pad(x, pad);
    }

    /** Pads the last two axes of an NCHW tensor by {@code p} (less than H and W). */
    public static NDArray pad(NDArray x, int p) {
        if (p == 0) {
            return x.duplicate();
        }
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (p >= h || p >= w) {
            throw new IllegalArgumentException("reflection pad " + p + " needs H and W above it, got " + x.getShape());
        }
        try (NDArray rows = padAxis(x, 2, p, h)) {
            return padAxis(rows, 3, p, w);
        }
    }

    private static NDArray padAxis(NDArray x, int axis, int p, long n) {
        String lead = axis == 2 ? ":, :, " : ":, :, :, ";
        try (NDArray head = x.get(new NDIndex(lead + "1:" + (p + 1)));
                NDArray tail = x.get(new NDIndex(lead + (n - 1 - p) + ":" + (n - 1)));
                NDArray headFlip = head.flip(axis);
                NDArray tailFlip = tail.flip(axis)) {
            return NDArrays.concat(new NDList(headFlip, x, tailFlip), axis);
        }
    }
}
