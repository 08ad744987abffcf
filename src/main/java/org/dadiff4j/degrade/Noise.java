package org.dadiff4j.degrade;

import java.util.random.RandomGenerator;

/**
 * Additive noise as in BasicSR's {@code degradations.py}: Gaussian with sigma in 8-bit units and
 * Poisson (shot) noise, per channel ("colour") or one plane shared by all channels ("gray"). The
 * result is clipped to [0, 1] like Real-ESRGAN's {@code clip=True}.
 */
public final class Noise {

    private static final int LOG_FACT_TABLE = 2048;
    private static final double[] LOG_FACT = new double[LOG_FACT_TABLE];

    static {
        for (int k = 1; k < LOG_FACT_TABLE; k++) {
            LOG_FACT[k] = LOG_FACT[k - 1] + Math.log(k);
        }
    }

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
            float[] noise = shot(levels, rng);
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
            for (int ch = 0; ch < img.channels(); ch++) {
                float[] noise = shot(levels[ch], vals, rng);
                for (int i = 0; i < n; i++) {
                    out.c[ch][i] += (float) (noise[i] * scale);
                }
            }
        }
        return out.clampInPlace();
    }

    private static float[] shot(int[] levels, RandomGenerator rng) {
        return shot(levels, levelsPowerOfTwo(levels), rng);
    }

    /** {@code Poisson(x vals) / vals - x} for {@code x = level / 255}. */
    private static float[] shot(int[] levels, double vals, RandomGenerator rng) {
        Poisson[] byLevel = new Poisson[256];
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

    /** Poisson sampler for one mean: multiplication for small means, Hörmann's PTRS otherwise (as NumPy). */
    static final class Poisson {
        private final double lam;
        private final double expNeg;
        private final double logLam;
        private final double a;
        private final double b;
        private final double invAlpha;
        private final double vr;

        Poisson(double lam) {
            this.lam = lam;
            this.expNeg = Math.exp(-lam);
            this.logLam = Math.log(lam);
            double slam = Math.sqrt(lam);
            this.b = 0.931 + 2.53 * slam;
            this.a = -0.059 + 0.02483 * b;
            this.invAlpha = 1.1239 + 1.1328 / (b - 3.4);
            this.vr = 0.9277 - 3.6224 / (b - 2);
        }

        long sample(RandomGenerator rng) {
            if (lam <= 0) {
                return 0;
            }
            if (lam < 10) {
                long k = 0;
                double prod = rng.nextDouble();
                while (prod > expNeg) {
                    k++;
                    prod *= rng.nextDouble();
                }
                return k;
            }
            while (true) {
                double u = rng.nextDouble() - 0.5;
                double v = rng.nextDouble();
                double us = 0.5 - Math.abs(u);
                long k = (long) Math.floor((2 * a / us + b) * u + lam + 0.43);
                if (us >= 0.07 && v <= vr) {
                    return k;
                }
                if (k < 0 || (us < 0.013 && v > us)) {
                    continue;
                }
                if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b)
                        <= -lam + k * logLam - logFactorial(k)) {
                    return k;
                }
            }
        }
    }

    static double logFactorial(long k) {
        if (k < LOG_FACT_TABLE) {
            return LOG_FACT[(int) k];
        }
        double x = k + 1.0;
        // Stirling series for log Gamma(x), ample for x >= 2048
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
