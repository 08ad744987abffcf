package org.dadiff4j.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The bridge between pictures and network tensors: NCHW float32 [1,C,H,W] with values in [0,1].
 * Networks are RGB, so {@link #toNchwRgb} replicates a gray picture to three channels and
 * {@link #fromNchw(NDArray, Picture)} turns a 3-channel result for a gray source back into gray by
 * BT.601 luma (see {@link Channels}). Alpha never enters a tensor; it is carried by the Picture.
 */
public final class Tensors {

    private Tensors() {}

    /** [1,C,H,W] with C = the picture's colour channels (1 or 3), attached to {@code manager}. */
    public static NDArray toNchw(NDManager manager, Picture p) {
        return stack(manager, p, p.channels());
    }

    /** [1,3,H,W]; a gray picture is replicated to three channels. */
    public static NDArray toNchwRgb(NDManager manager, Picture p) {
        return stack(manager, p, 3);
    }

    /** The C planes of a [1,C,H,W] array, each row-major H*W. */
    public static float[][] planes(NDArray nchw) {
        Shape s = nchw.getShape();
        if (s.dimension() != 4 || s.get(0) != 1) {
            throw new IllegalArgumentException("expected [1,C,H,W], got " + s);
        }
        int c = Math.toIntExact(s.get(1));
        int n = Math.toIntExact(s.get(2) * s.get(3));
        float[] all;
        if (nchw.getDataType() == DataType.FLOAT32) {
            all = nchw.toFloatArray();
        } else {
            try (NDArray f = nchw.toType(DataType.FLOAT32, false)) {
                all = f.toFloatArray();
            }
        }
        float[][] out = new float[c][n];
        for (int i = 0; i < c; i++) {
            System.arraycopy(all, i * n, out[i], 0, n);
        }
        return out;
    }

    /**
     * A new picture from a [1,C,H,W] result (C = 1 or 3), shaped like {@code like}: same
     * gray/RGB kind, bit depth and (resized) alpha, via {@link Picture#withColor}. Values are not
     * clamped here; writing clamps.
     */
    public static Picture fromNchw(NDArray nchw, Picture like) {
        Shape s = nchw.getShape();
        return like.withColor(planes(nchw), Math.toIntExact(s.get(3)), Math.toIntExact(s.get(2)));
    }

    /** A new opaque picture from a [1,C,H,W] array (C = 1 or 3). */
    public static Picture fromNchw(NDArray nchw, int bitDepth) {
        Shape s = nchw.getShape();
        return Picture.wrap(Math.toIntExact(s.get(3)), Math.toIntExact(s.get(2)), planes(nchw), null, bitDepth, null);
    }

    private static NDArray stack(NDManager manager, Picture p, int channels) {
        int n = p.width() * p.height();
        float[] data = new float[channels * n];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(p.planeRef(p.isGray() ? 0 : c), 0, data, c * n, n);
        }
        return manager.create(data, new Shape(1, channels, p.height(), p.width()));
    }
}
