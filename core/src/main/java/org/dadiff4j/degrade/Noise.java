package org.dadiff4j.degrade;

import java.util.random.RandomGenerator;

/**
 * Additive noise as in BasicSR's {@code degradations.py}: Gaussian with sigma in 8-bit units and
 * Poisson (shot) noise, per channel ("colour") or one plane shared by all channels ("gray"). The
 * result is clipped to [0, 1] like Real-ESRGAN's {@code clip=True}.
 */
public final class Noise {

    private Noise() {}

    /** {@code img + N(0, (sigma/255)^2)}, clipped. */
    public static Planes gaussian(Planes img, double sigma, boolean gray, RandomGenerator rng) {
        Planes out = img.copy();
        int n = img.width * img.height;
        double s = sigma / 255.0;
        if (gray) {
            for (int i = 0; i < n; i++) {
                float v = (float) (rng.nextGaussian() * s);
                for (float[] p : out.c) {
                    p[i] += v;
                }
            }
        } else {
            for (float[] p : out.c) {
                for (int i = 0; i < n; i++) {
                    p[i] += (float) (rng.nextGaussian() * s);
                }
            }
        }
        return out.clampInPlace();
    }

    /**
     * Poisson noise: the image (or its luma, for gray) is rounded to 8 bits, {@code v} is the
     * number of distinct levels rounded up to a power of two, and the noise
     * {@code scale * (Poisson(x v) / v - x)} is added, so its variance is {@code scale^2 x / v}.
     */
    public static Planes poisson(Planes img, double scale, boolean gray, RandomGenerator rng) {
        Planes out = img.copy();
        int n = img.width * img.height;
        if (gray) {
            int[] levels = new int[n];
            for (int i = 0; i < n; i++) {
                // torchvision rgb_to_grayscale weights
                float y = 0.299f * img.c[0][i] + 0.587f * img.c[1][i] + 0.114f * img.c[2][i];
                levels[i] = Planes.toByte(y);
            }
            float[] noise = shot(levels, levelsPowerOfTwo(levels), new Poisson[256], rng);
            for (float[] p : out.c) {
                for (int i = 0; i < n; i++) {
                    p[i] += (float) (noise[i] * scale);
                }
            }
        } else {
            int[][] levels = new int[img.channels()][n];
            int[] all = new int[img.channels() * n];
            for (int ch = 0; ch < img.channels(); ch++) {
                for (int i = 0; i < n; i++) {
                    levels[ch][i] = Planes.toByte(img.c[ch][i]);
                    all[ch * n + i] = levels[ch][i];
                }
            }
            double vals = levelsPowerOfTwo(all);
            Poisson[] byLevel = new Poisson[256];
            for (int ch = 0; ch < img.channels(); ch++) {
                float[] noise = shot(levels[ch], vals, byLevel, rng);
                for (int i = 0; i < n; i++) {
                    out.c[ch][i] += (float) (noise[i] * scale);
                }
            }
        }
        return out.clampInPlace();
    }

    /** {@code Poisson(x vals) / vals - x} for {@code x = level / 255}. */
    private static float[] shot(int[] levels, double vals, Poisson[] byLevel, RandomGenerator rng) {
        float[] out = new float[levels.length];
        for (int i = 0; i < levels.length; i++) {
            int l = levels[i];
            double x = l / 255.0;
            if (byLevel[l] == null) {
                byLevel[l] = new Poisson(x * vals);
            }
            out[i] = (float) (byLevel[l].sample(rng) / vals - x);
        }
        return out;
    }

    /** 2^ceil(log2(number of distinct values)), as BasicSR computes it. */
    private static double levelsPowerOfTwo(int[] levels) {
        boolean[] seen = new boolean[256];
        int distinct = 0;
        for (int l : levels) {
            if (!seen[l]) {
                seen[l] = true;
                distinct++;
            }
        }
        return Math.pow(2, Math.ceil(Math.log(distinct) / Math.log(2)));
    }

    /**
     * Poisson sampler for one mean by inverting its tabulated CDF: the pipeline draws ~10^5 samples
     * from at most 256 means, so one table per mean beats rejection sampling. A guide table (start
     * index per 1/n-th of [0, 1)) replaces the branchy binary search. The tail beyond
     * {@code lam + 20 sqrt(lam) + 30} (probability far below 1e-15) is cut off.
     */
    static final class Poisson {
        private final double[] cdf;
        private final int[] guide;

        Poisson(double lam) {
            int max = (int) Math.ceil(lam + 20 * Math.sqrt(lam) + 30);
            cdf = new double[max + 1];
            // p(k+1) = p(k) lam / (k+1); exp(-lam) underflows only for lam > 700, far above the 8-bit range
            double p = Math.exp(-lam);
            double sum = 0;
            for (int k = 0; k <= max; k++) {
                sum += p;
                cdf[k] = sum;
                p *= lam / (k + 1);
            }
            for (int k = 0; k <= max; k++) {
                cdf[k] /= sum;
            }
            guide = new int[max + 1];
            int k = 0;
            for (int j = 0; j <= max; j++) {
                while (k < max && cdf[k] <= (double) j / (max + 1)) {
                    k++;
                }
                guide[j] = k;
            }
        }

        long sample(RandomGenerator rng) {
            double u = rng.nextDouble();
            int k = guide[(int) (u * guide.length)];
            while (k < cdf.length - 1 && cdf[k] <= u) {
                k++;
            }
            return k;
        }
    }
}
