package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/** PyTorch {@code F.interpolate} on NCHW: nearest (integer factor) or bilinear, align_corners=False. */
public final class Upsample extends UnaryBlock {

    /** Interpolation modes, with the codes DJL's PyTorch engine expects (checked by the tests). */
    public enum Mode {
        NEAREST(0),
        BILINEAR(1);

        private final int code;

        Mode(int code) {
            this.code = code;
        }
    }

    private final Mode mode;
    private final int factor;

    private Upsample(Builder b) {
        if (b.factor < 1) {
            throw new IllegalArgumentException("scale factor must be >= 1");
        }
        mode = b.mode;
        factor = b.factor;
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        Shape s = x.getShape();
        return resize(x, mode, s.get(2) * factor, s.get(3) * factor);
    }

    /** Nearest-neighbour ×2: every pixel becomes a 2×2 block. */
    public static NDArray nearest2x(NDArray x) {
        Shape s = x.getShape();
        return resize(x, Mode.NEAREST, s.get(2) * 2, s.get(3) * 2);
    }

    /**
     * Bilinear resize to height × width with align_corners=False and no antialiasing (PyTorch's
     * default), in either direction. DJL's native bilinear antialiases when it shrinks, so a
     * shrinking resize is done as two products with the interpolation matrices instead (two
     * non-zero weights per row, so the sums are PyTorch's up to float rounding; autograd works).
     */
    public static NDArray bilinear(NDArray x, long height, long width) {
        Shape s = x.getShape();
        if (height >= s.get(2) && width >= s.get(3)) {
            return resize(x, Mode.BILINEAR, height, width);
        }
        try (NDArray rows = interpolation(x, s.get(2), height);
                NDArray cols = interpolation(x, s.get(3), width);
                NDArray colsT = cols.transpose();
                NDArray narrow = x.matMul(colsT)) {
            return rows.matMul(narrow);
        }
    }

    /**
     * The [out, in] matrix of 1-D linear interpolation, with PyTorch's taps ({@link BilinearTaps}),
     * in memory the engine owns: an array made from a Java buffer reads that buffer, which the
     * garbage collector frees once the array is closed, while autograd still holds the matrix for
     * the backward pass.
     */
    private static NDArray interpolation(NDArray like, long in, long out) {
        BilinearTaps taps = BilinearTaps.ofSize(Math.toIntExact(in), Math.toIntExact(out));
        float[] m = new float[Math.toIntExact(in * out)];
        for (int i = 0; i < out; i++) {
            m[(int) (i * in + taps.index0(i))] += taps.weight0(i);
            m[(int) (i * in + taps.index1(i))] += taps.weight1(i);
        }
        try (NDArray javaBacked = like.getManager().create(m, new Shape(out, in))) {
            return javaBacked.duplicate();
        }
    }

    private static NDArray resize(NDArray x, Mode mode, long height, long width) {
        if (x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("expected NCHW, got " + x.getShape());
        }
        return x.getNDArrayInternal().interpolation(new long[] {height, width}, mode.code, false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Upsample}; opt* optional (nearest, factor 2). */
    public static final class Builder {
        private Mode mode = Mode.NEAREST;
        private int factor = 2;

        public Builder optMode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder optScaleFactor(int factor) {
            this.factor = factor;
            return this;
        }

        public Upsample build() {
            return new Upsample(this);
        }
    }
}
