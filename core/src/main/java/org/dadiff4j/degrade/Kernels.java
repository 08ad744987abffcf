package org.dadiff4j.degrade;

/**
 * Blur kernels as in BasicSR's {@code degradations.py} (used by Real-ESRGAN): bivariate Gaussian,
 * generalized Gaussian and plateau kernels on an odd grid centred at 0, and the circular lowpass
 * ("sinc") kernel. Computed in float64, normalised to sum 1, then stored as float32.
 */
public final class Kernels {

    private Kernels() {}

    /** {@code exp(-q/2)}, with {@code q = [x y] Sigma^-1 [x y]^T}. */
    public static Kernel gaussian(int size, double sigmaX, double sigmaY, double theta) {
        return shaped(size, sigmaX, sigmaY, theta, q -> Math.exp(-0.5 * q));
    }

    /** Isotropic Gaussian with standard deviation {@code sigma}. */
    public static Kernel isotropicGaussian(int size, double sigma) {
        return gaussian(size, sigma, sigma, 0);
    }

    /** {@code exp(-q^beta / 2)}: beta < 1 gives heavy tails, beta > 1 flat tops. */
    public static Kernel generalizedGaussian(int size, double sigmaX, double sigmaY, double theta, double beta) {
        return shaped(size, sigmaX, sigmaY, theta, q -> Math.exp(-0.5 * Math.pow(q, beta)));
    }

    /** {@code 1 / (q^beta + 1)}. */
    public static Kernel plateau(int size, double sigmaX, double sigmaY, double theta, double beta) {
        return shaped(size, sigmaX, sigmaY, theta, q -> 1 / (Math.pow(q, beta) + 1));
    }

    /**
     * The 2-D ideal circular lowpass filter with cutoff {@code omega} (radians per pixel):
     * {@code omega * J1(omega r) / (2 pi r)}, with the limit {@code omega^2 / (4 pi)} at the centre.
     */
    public static Kernel circularLowpass(int size, double omega) {
        checkSize(size);
        double c = (size - 1) / 2.0;
        double[] k = new double[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double r = Math.hypot(x - c, y - c);
                k[y * size + x] = r == 0 ? omega * omega / (4 * Math.PI) : omega * besselJ1(omega * r) / (2 * Math.PI * r);
            }
        }
        return normalised(size, k);
    }

    private interface Shape {
        double of(double q);
    }

    private static Kernel shaped(int size, double sigmaX, double sigmaY, double theta, Shape shape) {
        checkSize(size);
        if (!(sigmaX > 0) || !(sigmaY > 0)) {
            throw new IllegalArgumentException("kernel sigmas must be positive, got " + sigmaX + ", " + sigmaY);
        }
        // Sigma = U diag(sx^2, sy^2) U^T with U the rotation by theta; q uses its inverse.
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double a = cos * cos * sigmaX * sigmaX + sin * sin * sigmaY * sigmaY;
        double b = cos * sin * (sigmaX * sigmaX - sigmaY * sigmaY);
        double d = sin * sin * sigmaX * sigmaX + cos * cos * sigmaY * sigmaY;
        double det = a * d - b * b;
        double i00 = d / det;
        double i01 = -b / det;
        double i11 = a / det;
        int h = size / 2;
        double[] k = new double[size * size];
        for (int y = -h; y <= h; y++) {
            for (int x = -h; x <= h; x++) {
                double q = i00 * x * x + 2 * i01 * x * y + i11 * y * y;
                k[(y + h) * size + x + h] = shape.of(q);
            }
        }
        return normalised(size, k);
    }

    private static Kernel normalised(int size, double[] k) {
        double sum = 0;
        for (double v : k) {
            sum += v;
        }
        float[] f = new float[k.length];
        for (int i = 0; i < k.length; i++) {
            f[i] = (float) (k[i] / sum);
        }
        return new Kernel(size, f);
    }

    private static void checkSize(int size) {
        if (size < 1 || size % 2 != 1) {
            throw new IllegalArgumentException("kernel size must be odd and positive, got " + size);
        }
    }

    /** Bessel function of the first kind, order 1 (rational approximations, absolute error below 1e-8). */
    static double besselJ1(double x) {
        double ax = Math.abs(x);
        if (ax < 8.0) {
            double y = x * x;
            double p = x * (72362614232.0 + y * (-7895059235.0 + y * (242396853.1 + y * (-2972611.439
                    + y * (15704.48260 + y * (-30.16036606))))));
            double q = 144725228442.0 + y * (2300535178.0 + y * (18583304.74 + y * (99447.43394
                    + y * (376.9991397 + y))));
            return p / q;
        }
        double z = 8.0 / ax;
        double y = z * z;
        double xx = ax - 2.356194491;
        double p = 1.0 + y * (0.183105e-2 + y * (-0.3516396496e-4 + y * (0.2457520174e-5 + y * (-0.240337019e-6))));
        double q = 0.04687499995 + y * (-0.2002690873e-3 + y * (0.8449199096e-5 + y * (-0.88228987e-6
                + y * 0.105787412e-6)));
        double ans = Math.sqrt(0.636619772 / ax) * (Math.cos(xx) * p - z * Math.sin(xx) * q);
        return x < 0 ? -ans : ans;
    }
}
