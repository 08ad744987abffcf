package org.dadiff4j.nn;

/**
 * PyTorch's 1-D linear interpolation taps ({@code F.interpolate(mode='bilinear',
 * align_corners=False)}, no antialiasing) for float32 input, as its CPU kernel computes them in
 * float: output index d reads source indices {@code i0[d]} and {@code i1[d]} with weights
 * {@code l0[d]} and {@code l1[d]}, the source position being {@code max(scale * (d + 0.5) - 0.5, 0)}.
 * The one definition behind every torch-bilinear resize of the project ({@link Upsample#bilinear},
 * {@code image.Resize.bilinearTorch}, {@code degrade.Resize}).
 *
 * <p>The two ways of asking for a size differ in the scale, which is a real difference in PyTorch:
 * {@code size=out} uses {@code in / out}, while {@code scale_factor=f} uses {@code 1 / f} (so a
 * factor whose output size was rounded down samples slightly different positions).
 */
public final class BilinearTaps {

    private final int[] i0;
    private final int[] i1;
    private final float[] l0;
    private final float[] l1;

    private BilinearTaps(int in, int out, float scale) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("sizes must be positive: " + in + " -> " + out);
        }
        i0 = new int[out];
        i1 = new int[out];
        l0 = new float[out];
        l1 = new float[out];
        for (int d = 0; d < out; d++) {
            float src = Math.max(scale * (d + 0.5f) - 0.5f, 0f);
            int lo = Math.min((int) src, in - 1);
            i0[d] = lo;
            i1[d] = Math.min(lo + 1, in - 1);
            l1[d] = src - lo;
            l0[d] = 1f - l1[d];
        }
    }

    /** {@code size=out} semantics: scale {@code in / out}. */
    public static BilinearTaps ofSize(int in, int out) {
        return new BilinearTaps(in, out, (float) in / out);
    }

    /**
     * {@code scale_factor=factor} semantics: {@code out} is the caller's output size (PyTorch's
     * {@code floor(in * factor)}), and positions use scale {@code 1 / factor}.
     */
    public static BilinearTaps ofFactor(int in, int out, double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("scale factor must be positive, got " + factor);
        }
        return new BilinearTaps(in, out, (float) (1.0 / factor));
    }

    /** The output length. */
    public int size() {
        return i0.length;
    }

    /** The first source index of output {@code d}. */
    public int index0(int d) {
        return i0[d];
    }

    /** The second source index of output {@code d} (the first one again at the last source sample). */
    public int index1(int d) {
        return i1[d];
    }

    /** The weight of {@link #index0}. */
    public float weight0(int d) {
        return l0[d];
    }

    /** The weight of {@link #index1}. */
    public float weight1(int d) {
        return l1[d];
    }
}
