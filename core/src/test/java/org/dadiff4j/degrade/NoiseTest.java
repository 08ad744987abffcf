package org.dadiff4j.degrade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseTest {

    private static Planes flat(int w, int h, float v) {
        Planes p = Planes.zeros(w, h, 3);
        for (float[] c : p.c) {
            Arrays.fill(c, v);
        }
        return p;
    }

    @Test
    void gaussianNoiseHasRequestedMeanAndVariance() {
        Planes img = flat(256, 256, 0.5f);
        for (boolean gray : new boolean[] {false, true}) {
            Planes out = Noise.gaussian(img, 12, gray, new SplittableRandom(1));
            double[] mv = meanVar(out, img, 0, img.c[0].length);
            double s = 12 / 255.0;
            assertEquals(0, mv[0], 4 * s / 256);
            assertEquals(s * s, mv[1], 0.02 * s * s);
            if (gray) {
                assertEquals(0.0, TestImages.maxAbsDiff(channel(out, 0), channel(out, 2)), 0.0, "gray noise is shared");
            } else {
                double cross = 0;
                for (int i = 0; i < img.c[0].length; i++) {
                    cross += (out.c[0][i] - 0.5) * (out.c[1][i] - 0.5);
                }
                assertEquals(0, cross / img.c[0].length / (s * s), 0.03, "colour noise is independent per channel");
            }
        }
    }

    @Test
    void poissonNoiseVarianceIsScaleSquaredTimesIntensityOverLevels() {
        // 256 rows, one 8-bit level each, so there are 256 distinct values and v = 256
        int w = 1024;
        Planes img = Planes.zeros(w, 256, 3);
        for (float[] c : img.c) {
            for (int y = 0; y < 256; y++) {
                Arrays.fill(c, y * w, (y + 1) * w, y / 255f);
            }
        }
        for (double scale : new double[] {0.5, 2.0}) {
            for (boolean gray : new boolean[] {false, true}) {
                Planes out = Noise.poisson(img, scale, gray, new SplittableRandom(7));
                // levels far enough from 0 and 1 that clipping does not cut the tails
                for (int level : new int[] {20, 60, 128}) {
                    double[] mv = meanVar(out, img, level * w, (level + 1) * w);
                    double x = level / 255.0;
                    double want = scale * scale * x / 256;
                    assertEquals(want, mv[1], 0.07 * want, "level " + level + " scale " + scale + " gray " + gray);
                    assertEquals(0, mv[0], 4 * Math.sqrt(want / (3 * w)));
                }
            }
        }
    }

    @Test
    void poissonSamplerHasPoissonMoments() {
        SplittableRandom rng = new SplittableRandom(3);
        for (double lam : new double[] {0.7, 4, 25, 180}) {
            Noise.Poisson p = new Noise.Poisson(lam);
            int n = 200_000;
            double s = 0;
            double s2 = 0;
            for (int i = 0; i < n; i++) {
                long k = p.sample(rng);
                s += k;
                s2 += (double) k * k;
            }
            double mean = s / n;
            double var = s2 / n - mean * mean;
            assertEquals(lam, mean, 4 * Math.sqrt(lam / n), "mean at " + lam);
            assertEquals(lam, var, 0.02 * lam, "variance at " + lam);
        }
    }

    /** Mean and variance of {@code out - ref} over pixels [from, to) of all channels. */
    private static double[] meanVar(Planes out, Planes ref, int from, int to) {
        double s = 0;
        double s2 = 0;
        long n = 0;
        for (int ch = 0; ch < 3; ch++) {
            for (int i = from; i < to; i++) {
                double d = out.c[ch][i] - ref.c[ch][i];
                s += d;
                s2 += d * d;
                n++;
            }
        }
        double mean = s / n;
        return new double[] {mean, s2 / n - mean * mean};
    }

    private static Planes channel(Planes p, int ch) {
        return new Planes(p.width, p.height, new float[][] {p.c[ch]});
    }
}
