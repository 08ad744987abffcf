package org.dadiff4j.degrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelsTest {

    private static List<Kernel> all() {
        return List.of(
                Kernels.isotropicGaussian(7, 0.2),
                Kernels.isotropicGaussian(21, 3.0),
                Kernels.gaussian(15, 2.5, 0.4, 1.0),
                Kernels.generalizedGaussian(13, 1.2, 2.8, -2.0, 0.5),
                Kernels.generalizedGaussian(21, 3.0, 3.0, 0, 4.0),
                Kernels.plateau(9, 0.7, 1.9, 0.3, 1.0),
                Kernels.plateau(21, 2.0, 2.0, 0, 2.0),
                Kernels.circularLowpass(7, Math.PI / 3),
                Kernels.circularLowpass(21, Math.PI / 5),
                Kernels.circularLowpass(13, Math.PI));
    }

    @Test
    void everyKernelSumsToOneAndIsPointSymmetric() {
        for (Kernel k : all()) {
            double sum = 0;
            for (float v : k.w) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-6, "sum of a " + k.size + " kernel");
            for (int y = 0; y < k.size; y++) {
                for (int x = 0; x < k.size; x++) {
                    assertEquals(k.at(y, x), k.at(k.size - 1 - y, k.size - 1 - x), 1e-8);
                }
            }
        }
    }

    @Test
    void isotropicKernelsAreTransposeAndRotationSymmetric() {
        for (Kernel k : List.of(Kernels.isotropicGaussian(11, 1.7), Kernels.generalizedGaussian(13, 2, 2, 0, 0.6),
                Kernels.plateau(15, 1.1, 1.1, 0, 1.5), Kernels.circularLowpass(17, 1.3))) {
            int s = k.size;
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    assertEquals(k.at(y, x), k.at(x, y), 1e-8, "transpose");
                    assertEquals(k.at(y, x), k.at(x, s - 1 - y), 1e-8, "rotation by 90 degrees");
                }
            }
        }
    }

    @Test
    void gaussianCovarianceMatchesSigma() {
        for (double sigma : new double[] {1.0, 1.5, 2.2}) {
            double[] c = covariance(Kernels.isotropicGaussian(21, sigma));
            assertEquals(sigma * sigma, c[0], 1e-4 * sigma * sigma);
            assertEquals(sigma * sigma, c[2], 1e-4 * sigma * sigma);
            assertEquals(0, c[1], 1e-6);
        }
        // Sigma = U diag(sx^2, sy^2) U^T
        double sx = 2.0;
        double sy = 0.9;
        double t = 0.5;
        double[] c = covariance(Kernels.gaussian(21, sx, sy, t));
        double cos = Math.cos(t);
        double sin = Math.sin(t);
        assertEquals(cos * cos * sx * sx + sin * sin * sy * sy, c[0], 2e-4);
        assertEquals(cos * sin * (sx * sx - sy * sy), c[1], 2e-4);
        assertEquals(sin * sin * sx * sx + cos * cos * sy * sy, c[2], 2e-4);
    }

    @Test
    void anisotropicKernelsPointAlongTheta() {
        for (double theta : new double[] {-1.2, 0.3, 1.0}) {
            double[] g = covariance(Kernels.gaussian(21, 2.5, 1.0, theta));
            assertEquals(theta, 0.5 * Math.atan2(2 * g[1], g[0] - g[2]), 1e-4);
            for (Kernel k : List.of(Kernels.gaussian(21, 2.5, 1.0, theta),
                    Kernels.generalizedGaussian(21, 2.5, 1.0, theta, 0.7),
                    Kernels.plateau(21, 2.5, 1.0, theta, 1.8))) {
                double[] c = diskCovariance(k);
                double axis = 0.5 * Math.atan2(2 * c[1], c[0] - c[2]);
                assertEquals(theta, axis, 5e-3, "pixel-grid disk; a wrong rotation is off by > 0.3");
            }
        }
    }

    @Test
    void kernelsMatchBasicSrValues() {
        // Reference values from BasicSR's degradations.py formulas in NumPy/SciPy (float64).
        Kernel s = Kernels.circularLowpass(7, Math.PI / 2);
        assertEquals(0.23575877431545098, s.at(3, 3), 1e-7);
        assertEquals(-0.007498811192874852, s.at(0, 0), 1e-7);
        assertEquals(-0.02818244572749802, s.at(3, 0), 1e-7);
        assertEquals(0.017743457530551638, s.at(1, 2), 1e-7);
        Kernel g = Kernels.gaussian(9, 2.0, 0.7, 0.6);
        assertEquals(0.1145094837565973, g.at(4, 4), 1e-7);
        assertEquals(0.0007921642928654317, g.at(0, 0), 1e-9);
        assertEquals(1.9884735678849673e-07, g.at(1, 6), 1e-11);
        assertEquals(1.007097727306601e-06, g.at(6, 1), 1e-11);
        Kernel gg = Kernels.generalizedGaussian(9, 2.0, 0.7, 0.6, 0.6);
        assertEquals(0.061928521444701005, gg.at(4, 4), 1e-7);
        assertEquals(0.008514300150785824, gg.at(0, 0), 1e-8);
        assertEquals(0.0022724109486160528, gg.at(2, 7), 1e-8);
        Kernel p = Kernels.plateau(9, 1.5, 0.9, -1.1, 1.7);
        assertEquals(0.13791574736512185, p.at(4, 4), 1e-7);
        assertEquals(0.00029582879879065015, p.at(0, 0), 1e-9);
        assertEquals(0.006400994660654279, p.at(1, 6), 1e-8);
    }

    @Test
    void besselJ1MatchesScipy() {
        double[] x = {1.0, 3.0, 7.5, 12.0, 40.0};
        double[] j1 = {0.4400505857, 0.3390589585, 0.1352484276, -0.2234471045, 0.126038318};
        for (int i = 0; i < x.length; i++) {
            assertEquals(j1[i], Kernels.besselJ1(x[i]), 1e-8);
            assertEquals(-j1[i], Kernels.besselJ1(-x[i]), 1e-8);
        }
    }

    @Test
    void sincKernelPassesLowAndStopsHighFrequencies() {
        Kernel k = Kernels.circularLowpass(21, Math.PI / 2);
        assertEquals(1.0, response(k, 0.3), 0.1);
        assertTrue(Math.abs(response(k, 2.6)) < 0.1, "stopband response " + response(k, 2.6));
    }

    @Test
    void padAndTrimRoundTrip() {
        Kernel k = Kernels.isotropicGaussian(7, 1.0);
        Kernel p = k.padTo(21);
        assertEquals(21, p.size);
        assertEquals(k.at(3, 3), p.at(10, 10));
        assertEquals(0f, p.at(0, 0));
        Kernel t = p.trim();
        assertEquals(7, t.size);
        assertEquals(java.util.Arrays.toString(k.w), java.util.Arrays.toString(t.w));
    }

    @Test
    void trimWithToleranceDropsOnlyNegligibleRings() {
        Kernel k = Kernels.isotropicGaussian(21, 0.8);
        Kernel t = k.trim(1e-7);
        // the ring at radius r weighs about exp(-r^2 / 1.28): r = 5 is 3e-9, r = 4 is 4e-6
        assertEquals(9, t.size);
        double kept = 0;
        for (float v : t.w) {
            kept += v;
        }
        assertEquals(1.0, kept, 1e-6);
        assertEquals(21, Kernels.plateau(21, 2, 2, 0, 1).trim(1e-7).size, "heavy tails are kept");
    }

    /** {var x, cov xy, var y} of a kernel centred at 0. */
    static double[] covariance(Kernel k) {
        int h = k.size / 2;
        double xx = 0;
        double xy = 0;
        double yy = 0;
        for (int y = -h; y <= h; y++) {
            for (int x = -h; x <= h; x++) {
                double w = k.at(y + h, x + h);
                xx += w * x * x;
                xy += w * x * y;
                yy += w * y * y;
            }
        }
        return new double[] {xx, xy, yy};
    }

    /** Like {@link #covariance} inside the inscribed disk, so that heavy tails see no square corners. */
    private static double[] diskCovariance(Kernel k) {
        int h = k.size / 2;
        double[] c = new double[3];
        for (int y = -h; y <= h; y++) {
            for (int x = -h; x <= h; x++) {
                if (x * x + y * y <= h * h) {
                    double w = k.at(y + h, x + h);
                    c[0] += w * x * x;
                    c[1] += w * x * y;
                    c[2] += w * y * y;
                }
            }
        }
        return c;
    }

    /** Frequency response along the x axis at {@code omega} rad/pixel. */
    private static double response(Kernel k, double omega) {
        int h = k.size / 2;
        double r = 0;
        for (int y = -h; y <= h; y++) {
            for (int x = -h; x <= h; x++) {
                r += k.at(y + h, x + h) * Math.cos(omega * x);
            }
        }
        return r;
    }
}
