package org.dadiff4j.degrade;

import java.util.Locale;
import org.dadiff4j.nn.BilinearTaps;

/**
 * Resizing with the semantics of PyTorch's {@code F.interpolate} (align_corners=False, no
 * antialiasing) that Real-ESRGAN uses, plus an antialiased cubic for making clean HR images.
 * Every mode is separable, so rows are resampled first, then columns.
 */
public final class Resize {

    /** Interpolation modes of {@code F.interpolate}. */
    public enum Mode {
        /** adaptive average pooling (box average; nearest-like when enlarging). */
        AREA,
        BILINEAR,
        /** Keys cubic with a = -0.75, edge samples repeated. */
        BICUBIC,
        /**
         * PIL's antialiased bicubic ({@link #antialiased}): the clean shrink of the classic
         * "bicubic x4" benchmarks, where the kernel widens with the reduction so nothing aliases.
         */
        ANTIALIASED;

        /** The lowercase name used in recipes and recorded parameters. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode of(String key) {
            try {
                return valueOf(key.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown resize mode '" + key
                        + "' (area, bilinear, bicubic, antialiased)");
            }
        }
    }

    /** Taps of one axis: output i reads {@code src[idx[i*taps+t]]} with weight {@code wt[i*taps+t]}. */
    private static final class Axis {
        final int taps;
        final int[] idx;
        final float[] wt;

        Axis(int out, int taps) {
            this.taps = taps;
            this.idx = new int[out * taps];
            this.wt = new float[out * taps];
        }
    }

    private Resize() {}

    /** To {@code outW x outH}, like {@code F.interpolate(x, size=(outH, outW), mode=mode)}. */
    public static Planes toSize(Planes in, int outW, int outH, Mode mode) {
        if (mode == Mode.ANTIALIASED) {
            return antialiased(in, outW, outH);
        }
        if (mode == Mode.BILINEAR) {
            return bilinear(in, BilinearTaps.ofSize(in.width, outW), BilinearTaps.ofSize(in.height, outH));
        }
        return apply(in, axis(mode, in.width, outW, (double) in.width / outW),
                axis(mode, in.height, outH, (double) in.height / outH), outW, outH);
    }

    /**
     * Like {@code F.interpolate(x, scale_factor=factor, mode=mode)}: the size is
     * {@code floor(n * factor)} and bilinear/bicubic sample positions use {@code 1 / factor}.
     */
    public static Planes byFactor(Planes in, double factor, Mode mode) {
        int outW = Math.max(1, (int) Math.floor(in.width * factor));
        int outH = Math.max(1, (int) Math.floor(in.height * factor));
        double ratio = (float) (1.0 / factor);
        if (mode == Mode.AREA || mode == Mode.ANTIALIASED) {
            return toSize(in, outW, outH, mode);
        }
        if (mode == Mode.BILINEAR) {
            return bilinear(in, BilinearTaps.ofFactor(in.width, outW, factor),
                    BilinearTaps.ofFactor(in.height, outH, factor));
        }
        return apply(in, axis(mode, in.width, outW, ratio), axis(mode, in.height, outH, ratio), outW, outH);
    }

    /**
     * Antialiased cubic (a = -0.5, kernel widened by the reduction factor) exactly as PIL's
     * BICUBIC: the clean way to shrink photos. One implementation serves the whole project.
     */
    public static Planes antialiased(Planes in, int outW, int outH) {
        return new Planes(outW, outH, org.dadiff4j.image.Resize.bicubicPil(in.c, in.width, in.height, outW, outH));
    }

    /** PyTorch's bilinear, the project's one implementation ({@code image.Resize.bilinearTorch}). */
    private static Planes bilinear(Planes in, BilinearTaps tx, BilinearTaps ty) {
        float[][] out = new float[in.channels()][];
        for (int ch = 0; ch < out.length; ch++) {
            out[ch] = org.dadiff4j.image.Resize.bilinearTorch(in.c[ch], in.width, tx, ty);
        }
        return new Planes(tx.size(), ty.size(), out);
    }

    private static Planes apply(Planes in, Axis ax, Axis ay, int outW, int outH) {
        float[][] out = new float[in.channels()][];
        float[][] tmp = new float[in.height][outW];
        float[] acc = new float[outW];
        for (int ch = 0; ch < in.channels(); ch++) {
            float[] src = in.c[ch];
            for (int y = 0; y < in.height; y++) {
                int r = y * in.width;
                float[] t = tmp[y];
                for (int x = 0; x < outW; x++) {
                    float s = 0;
                    for (int i = x * ax.taps, e = i + ax.taps; i < e; i++) {
                        s += ax.wt[i] * src[r + ax.idx[i]];
                    }
                    t[x] = s;
                }
            }
            float[] dst = new float[outW * outH];
            for (int y = 0; y < outH; y++) {
                java.util.Arrays.fill(acc, 0f);
                for (int i = y * ay.taps, e = i + ay.taps; i < e; i++) {
                    Filter.axpy(acc, tmp[ay.idx[i]], ay.wt[i]);
                }
                System.arraycopy(acc, 0, dst, y * outW, outW);
            }
            out[ch] = dst;
        }
        return new Planes(outW, outH, out);
    }

    private static Axis axis(Mode mode, int in, int out, double ratio) {
        switch (mode) {
            case AREA: return areaAxis(in, out);
            default: return bicubicAxis(in, out, ratio);
        }
    }

    private static Axis areaAxis(int in, int out) {
        int taps = 1;
        for (int i = 0; i < out; i++) {
            taps = Math.max(taps, areaEnd(i, in, out) - areaStart(i, in, out));
        }
        Axis a = new Axis(out, taps);
        for (int i = 0; i < out; i++) {
            int s = areaStart(i, in, out);
            int n = areaEnd(i, in, out) - s;
            for (int t = 0; t < taps; t++) {
                a.idx[i * taps + t] = s + Math.min(t, n - 1);
                a.wt[i * taps + t] = t < n ? 1f / n : 0f;
            }
        }
        return a;
    }

    private static int areaStart(int i, int in, int out) {
        return (int) ((long) i * in / out);
    }

    private static int areaEnd(int i, int in, int out) {
        return (int) (((long) (i + 1) * in + out - 1) / out);
    }

    private static Axis bicubicAxis(int in, int out, double ratio) {
        Axis a = new Axis(out, 4);
        for (int i = 0; i < out; i++) {
            double real = ratio * (i + 0.5) - 0.5;
            int i0 = (int) Math.floor(real);
            double t = real - i0;
            double[] w = {cubic(t + 1, -0.75), cubic(t, -0.75), cubic(1 - t, -0.75), cubic(2 - t, -0.75)};
            for (int k = 0; k < 4; k++) {
                a.idx[4 * i + k] = Math.min(Math.max(i0 - 1 + k, 0), in - 1);
                a.wt[4 * i + k] = (float) w[k];
            }
        }
        return a;
    }

    /** Keys' cubic convolution kernel with parameter {@code a}. */
    private static double cubic(double x, double a) {
        x = Math.abs(x);
        if (x <= 1) {
            return ((a + 2) * x - (a + 3)) * x * x + 1;
        }
        if (x < 2) {
            return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
        }
        return 0;
    }
}
