package org.dadiff4j.degrade;

import java.util.SplittableRandom;

/** Synthetic test images and the PSNR used to compare them. */
final class TestImages {

    private TestImages() {}

    /** Smooth colour gradients with a low-frequency wave. */
    static Planes smooth(int w, int h) {
        Planes p = Planes.zeros(w, h, 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                p.c[0][i] = 0.2f + 0.6f * x / w;
                p.c[1][i] = 0.5f + 0.3f * (float) Math.sin(2 * Math.PI * y / h);
                p.c[2][i] = 0.3f + 0.4f * (x + y) / (w + h);
            }
        }
        return p;
    }

    /** Smooth image plus edges and texture, so degradations have something to destroy. */
    static Planes detailed(int w, int h, long seed) {
        Planes p = smooth(w, h);
        SplittableRandom r = new SplittableRandom(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float edge = ((x / 16 + y / 24) % 2 == 0) ? 0.15f : -0.15f;
                for (float[] c : p.c) {
                    c[i] = Math.min(1, Math.max(0, c[i] + edge + 0.05f * (float) (r.nextDouble() - 0.5)));
                }
            }
        }
        return p;
    }

    static Planes random(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Planes p = Planes.zeros(w, h, 3);
        for (float[] c : p.c) {
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) r.nextDouble();
            }
        }
        return p;
    }

    static double psnr(Planes a, Planes b) {
        double se = 0;
        long n = 0;
        for (int ch = 0; ch < a.channels(); ch++) {
            for (int i = 0; i < a.c[ch].length; i++) {
                double d = a.c[ch][i] - b.c[ch][i];
                se += d * d;
                n++;
            }
        }
        return 10 * Math.log10(1 / (se / n));
    }

    static double maxAbsDiff(Planes a, Planes b) {
        double m = 0;
        for (int ch = 0; ch < a.channels(); ch++) {
            for (int i = 0; i < a.c[ch].length; i++) {
                m = Math.max(m, Math.abs(a.c[ch][i] - b.c[ch][i]));
            }
        }
        return m;
    }
}
