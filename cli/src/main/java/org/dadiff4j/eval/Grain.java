package org.dadiff4j.eval;

import java.util.Arrays;

/**
 * Grain: how much an output fluctuates where the truth is flat. NIQE rewards high-frequency
 * content, and added grain or colour noise is high-frequency content, so a method can win NIQE
 * by adding noise; this figure shows it. Over the 8x8 blocks of the HR image, the flattest
 * {@link #SHARE} by HR variance are kept; on each, the standard deviation of (output - HR) about
 * its block mean is taken over all pixels and channels (so a uniform offset of the block does not
 * count); the figure is its mean, in 8-bit levels. Lower is cleaner; a perfect output scores 0.
 */
public final class Grain {

    static final int BLOCK = 8;
    static final double SHARE = 0.2;

    private Grain() {}

    /** Grain of {@code sr} against {@code hr}, both interleaved 8-bit, {@code w x h x c}. */
    public static double compute(int[] sr, int[] hr, int w, int h, int c) {
        Pixels.checkShape(sr, w, h, c);
        Pixels.checkShape(hr, w, h, c);
        int bw = w / BLOCK;
        int bh = h / BLOCK;
        if (bw == 0 || bh == 0) {
            throw new IllegalArgumentException("grain needs an image of at least " + BLOCK + "x" + BLOCK
                    + " pixels, got " + w + "x" + h);
        }
        int n = bw * bh;
        double[] flatness = new double[n];
        double[] grain = new double[n];
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                flatness[by * bw + bx] = blockStd(hr, null, w, c, bx, by);
                grain[by * bw + bx] = blockStd(sr, hr, w, c, bx, by);
            }
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        // ties keep raster order, so the figure does not depend on the sort
        Arrays.sort(order, (i, j) -> flatness[i] != flatness[j] ? Double.compare(flatness[i], flatness[j])
                : Integer.compare(i, j));
        int keep = Math.max(1, (int) Math.round(n * SHARE));
        double sum = 0;
        for (int k = 0; k < keep; k++) {
            sum += grain[order[k]];
        }
        return sum / keep;
    }

    /** Standard deviation over one block of {@code a}, or of {@code a - b} when {@code b} is given. */
    private static double blockStd(int[] a, int[] b, int w, int c, int bx, int by) {
        double s = 0;
        double s2 = 0;
        int count = BLOCK * BLOCK * c;
        for (int y = by * BLOCK; y < (by + 1) * BLOCK; y++) {
            int row = y * w * c;
            for (int i = row + bx * BLOCK * c, e = i + BLOCK * c; i < e; i++) {
                double v = b == null ? a[i] : a[i] - b[i];
                s += v;
                s2 += v * v;
            }
        }
        double mean = s / count;
        return Math.sqrt(Math.max(0, s2 / count - mean * mean));
    }
}
