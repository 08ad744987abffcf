package org.dadiff4j.eval;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.weights.Npy;
import org.dadiff4j.weights.Npz;

/**
 * NIQE (Mittal, Soundararajan and Bovik, "Making a completely blind image quality analyzer", IEEE SPL
 * 2013) as the BasicSR copy inside DADiff computes it ({@code calculate_niqe(img, 0, 'HWC', 'y')}):
 * Y channel, 96x96 blocks at two scales, the 2x reduction done by OpenCV's area path. Lower is
 * better. The maps are float32 like NumPy's, which decides which pixels of flat regions normalise to
 * exactly zero; in float64 the score moves by up to 0.2 on degraded images.
 */
public final class Niqe {

    private static final int BLOCK = 96;
    private static final int[][] SHIFTS = {{0, 1}, {1, 0}, {1, 1}, {1, -1}};

    private Niqe() {}

    /** NIQE of an 8-bit image (alpha dropped, gray replicated). */
    public static double compute(BufferedImage img) {
        return compute(Pixels.rgb(img), img.getWidth(), img.getHeight());
    }

    /** NIQE of 8-bit RGB pixels, interleaved HWC. */
    public static double compute(int[] rgb, int w, int h) {
        return ofLuma(Pixels.luma(rgb, w, h, 3), w, h);
    }

    /** NIQE of a luma plane (float32, 0..255, row-major), e.g. from {@link Pixels#luma}. */
    public static double ofLuma(float[] y, int w, int h) {
        return score(features(y, w, h));
    }

    /**
     * The per-block features ("distparam"): one row per block, columns 0..17 at scale 1 and 18..35
     * at scale 2; blocks in the official order (column of blocks outer, row inner). The image is
     * first cropped to whole blocks at its top-left.
     */
    static double[][] features(float[] y, int w, int h) {
        int nbh = h / BLOCK;
        int nbw = w / BLOCK;
        if (nbh == 0 || nbw == 0) {
            throw new DadiffException("NIQE needs an image of at least 96x96 pixels, got " + w + "x" + h);
        }
        int ch = nbh * BLOCK;
        int cw = nbw * BLOCK;
        float[] img = new float[ch * cw];
        for (int r = 0; r < ch; r++) {
            System.arraycopy(y, r * w, img, r * cw, cw);
        }
        double[][] out = new double[nbh * nbw][36];
        for (int scale = 1; scale <= 2; scale++) {
            float[] n = normalise(img, cw / scale, ch / scale, Model.get().window);
            int bs = BLOCK / scale;
            float[] block = new float[bs * bs];
            int row = 0;
            for (int bx = 0; bx < nbw; bx++) {
                for (int by = 0; by < nbh; by++) {
                    for (int r = 0; r < bs; r++) {
                        System.arraycopy(n, (by * bs + r) * (cw / scale) + bx * bs, block, r * bs, bs);
                    }
                    blockFeatures(block, bs, out[row++], (scale - 1) * 18);
                }
            }
            if (scale == 1) {
                img = halve(img, cw, ch);
            }
        }
        return out;
    }

    /** {@code (img − μ) / (σ + 1)} with the local Gaussian mean and deviation, all float32. */
    private static float[] normalise(float[] img, int w, int h, double[] window) {
        float[] sq = new float[img.length];
        for (int i = 0; i < img.length; i++) {
            sq[i] = img[i] * img[i];
        }
        float[] mu = convolveNearest(img, w, h, window);
        float[] mu2 = convolveNearest(sq, w, h, window);
        float[] n = new float[img.length];
        for (int i = 0; i < n.length; i++) {
            float sigma = (float) Math.sqrt(Math.abs(mu2[i] - mu[i] * mu[i]));
            n[i] = (img[i] - mu[i]) / (sigma + 1f);
        }
        return n;
    }

    /**
     * {@code scipy.ndimage.convolve(img, window, mode='nearest')} for a 7x7 window: edge
     * replication, a float64 sum over the flipped window in C order, rounded to float32.
     */
    static float[] convolveNearest(float[] img, int w, int h, double[] window) {
        int k = 7;
        int half = k / 2;
        float[] out = new float[img.length];
        int[] xs = new int[k];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int j = 0; j < k; j++) {
                    xs[j] = Math.min(w - 1, Math.max(0, x + j - half));
                }
                double acc = 0.0;
                for (int i = 0; i < k; i++) {
                    int base = Math.min(h - 1, Math.max(0, y + i - half)) * w;
                    for (int j = 0; j < k; j++) {
                        acc += window[k * k - 1 - (i * k + j)] * img[base + xs[j]];
                    }
                }
                out[y * w + x] = (float) acc;
            }
        }
        return out;
    }

    /**
     * The scale-2 image, {@code cv2.resize(img / 255., (w//2, h//2), INTER_LINEAR) * 255.} in
     * float32; for an exact halving OpenCV averages each 2x2 cell as {@code ((a+b)+(c+d))·0.25}.
     */
    static float[] halve(float[] img, int w, int h) {
        int hw = w / 2;
        int hh = h / 2;
        float[] out = new float[hw * hh];
        for (int y = 0; y < hh; y++) {
            for (int x = 0; x < hw; x++) {
                int o = 2 * y * w + 2 * x;
                float a = img[o] / 255f;
                float b = img[o + 1] / 255f;
                float c = img[o + w] / 255f;
                float d = img[o + w + 1] / 255f;
                out[y * hw + x] = ((a + b) + (c + d)) * 0.25f * 255f;
            }
        }
        return out;
    }

    /** {@code compute_feature}: 18 values written to {@code out[off..off+17]}. */
    private static void blockFeatures(float[] block, int bs, double[] out, int off) {
        Aggd a = Aggd.fit(block, block.length);
        out[off] = a.alpha;
        out[off + 1] = (a.betaL + a.betaR) / 2;
        float[] prod = new float[block.length];
        for (int s = 0; s < SHIFTS.length; s++) {
            int si = SHIFTS[s][0];
            int sj = SHIFTS[s][1];
            // np.roll: circular within the block.
            for (int i = 0; i < bs; i++) {
                int ri = Math.floorMod(i - si, bs);
                for (int j = 0; j < bs; j++) {
                    prod[i * bs + j] = block[i * bs + j] * block[ri * bs + Math.floorMod(j - sj, bs)];
                }
            }
            Aggd p = Aggd.fit(prod, prod.length);
            int o = off + 2 + 4 * s;
            out[o] = p.alpha;
            out[o + 1] = p.mean();
            out[o + 2] = p.betaL;
            out[o + 3] = p.betaR;
        }
    }

    /**
     * {@code sqrt((μp − μd) pinv((Σp + Σd)/2) (μp − μd)ᵀ)}, with μd the NaN-ignoring mean of the
     * features and Σd their covariance (ddof 1) over the rows without NaN. NaN (like BasicSR) when
     * fewer than 2 blocks are free of NaN, e.g. for an image smaller than 192x96.
     */
    static double score(double[][] distparam) {
        Model m = Model.get();
        int f = m.mu.length;
        double[] mu = new double[f];
        int[] count = new int[f];
        List<double[]> clean = new ArrayList<>();
        for (double[] row : distparam) {
            boolean finite = true;
            for (int j = 0; j < f; j++) {
                if (Double.isNaN(row[j])) {
                    finite = false;
                } else {
                    mu[j] += row[j];
                    count[j]++;
                }
            }
            if (finite) {
                clean.add(row);
            }
        }
        for (int j = 0; j < f; j++) {
            mu[j] /= count[j];
        }
        if (clean.size() < 2) {
            return Double.NaN; // as NumPy: no covariance from fewer than 2 blocks
        }
        double[][] cov = Covariance.of(clean.toArray(new double[0][]));
        double[][] avg = new double[f][f];
        for (int i = 0; i < f; i++) {
            for (int j = 0; j < f; j++) {
                avg[i][j] = (m.cov[i][j] + cov[i][j]) / 2;
            }
        }
        double[] d = new double[f];
        for (int j = 0; j < f; j++) {
            d[j] = m.mu[j] - mu[j];
        }
        // pinv of a symmetric matrix through its eigen-decomposition; |λ| are its singular values,
        // and NumPy's default rcond drops those below 1e-15 times the largest.
        SymmetricEigen e = SymmetricEigen.of(avg, true);
        double cutoff = 1e-15 * e.maxAbs();
        double q = 0;
        for (int k = 0; k < f; k++) {
            if (Math.abs(e.values[k]) > cutoff) {
                double p = 0;
                for (int j = 0; j < f; j++) {
                    p += d[j] * e.vectors[k][j];
                }
                q += p * p / e.values[k];
            }
        }
        return Math.sqrt(q);
    }

    /**
     * The pristine model: {@code niqe_pris_params.npz} of the MATLAB reference implementation
     * (Mittal et al. 2013) as re-published by BasicSR ({@code basicsr/metrics/}), shipped as a
     * resource: mean (1x36) and covariance (36x36) of the features of pristine images, and the 7x7
     * local-mean window (σ 7/6).
     */
    private static final class Model {
        private static Model instance;

        final double[] mu;
        final double[][] cov;
        final double[] window;

        private Model(Map<String, Npy.Array> arrays) {
            mu = arrays.get("mu_pris_param").toDoubles();
            double[] c = arrays.get("cov_pris_param").toDoubles();
            cov = new double[mu.length][mu.length];
            for (int i = 0; i < mu.length; i++) {
                System.arraycopy(c, i * mu.length, cov[i], 0, mu.length);
            }
            window = arrays.get("gaussian_window").toDoubles();
            if (mu.length != 36 || c.length != 36 * 36 || window.length != 49) {
                throw new IllegalStateException("niqe_pris_params.npz: unexpected array shapes");
            }
        }

        static synchronized Model get() {
            if (instance == null) {
                instance = new Model(readNpz("niqe_pris_params.npz"));
            }
            return instance;
        }

        private static Map<String, Npy.Array> readNpz(String resource) {
            try (InputStream in = Niqe.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + resource + " is missing from the jar");
                }
                return Npz.read(in, resource);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
