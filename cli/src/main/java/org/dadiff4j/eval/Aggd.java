package org.dadiff4j.eval;

/**
 * Asymmetric generalized Gaussian fit of NIQE ({@code estimate_aggd_param} of BasicSR), with the
 * dtypes of NumPy 1.24: float32 means (see {@link #sum}), float32 standard deviations and
 * their ratio, float64 for the rest.
 */
final class Aggd {

    private static final int CHUNK = 8192;

    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    };

    /** {@code np.arange(0.2, 10.001, 0.001)}: NumPy fills {@code start + i * (gam[1] - gam[0])}. */
    private static final double[] GAM = new double[9801];
    /** {@code Γ(2/g)² / (Γ(1/g) Γ(3/g))} over the grid. */
    private static final double[] R_GAM = new double[GAM.length];

    static {
        double step = (0.2 + 0.001) - 0.2;
        for (int i = 0; i < GAM.length; i++) {
            GAM[i] = 0.2 + i * step;
            double rec = 1.0 / GAM[i];
            double g2 = gamma(rec * 2);
            R_GAM[i] = g2 * g2 / (gamma(rec) * gamma(rec * 3));
        }
    }

    /** Shape alpha and the left and right scales. */
    final double alpha;
    final double betaL;
    final double betaR;

    private Aggd(double alpha, double betaL, double betaR) {
        this.alpha = alpha;
        this.betaL = betaL;
        this.betaR = betaR;
    }

    /** Fits the first {@code n} values of {@code b} (a block flattened in C order). */
    static Aggd fit(float[] b, int n) {
        float[] left = new float[n];
        float[] right = new float[n];
        float[] abs = new float[n];
        float[] sq = new float[n];
        int nl = 0;
        int nr = 0;
        for (int i = 0; i < n; i++) {
            float v = b[i];
            float v2 = v * v;
            if (v < 0) {
                left[nl++] = v2;
            } else if (v > 0) {
                right[nr++] = v2;
            }
            abs[i] = Math.abs(v);
            sq[i] = v2;
        }
        float leftStd = (float) Math.sqrt(mean(left, nl));
        float rightStd = (float) Math.sqrt(mean(right, nr));
        float gammahat = leftStd / rightStd;
        double m1 = mean(abs, n);
        double rhat = m1 * m1 / mean(sq, n);
        double g = gammahat;
        double g2p1 = g * g + 1;
        double rhatnorm = rhat * (g * g * g + 1) * (gammahat + 1f) / (g2p1 * g2p1);
        int pos = 0;
        double best = sq(R_GAM[0] - rhatnorm);
        for (int i = 1; i < R_GAM.length; i++) {
            double d = sq(R_GAM[i] - rhatnorm);
            if (d < best) {
                best = d;
                pos = i;
            }
        }
        double alpha = GAM[pos];
        double ratio = Math.sqrt(gamma(1 / alpha) / gamma(3 / alpha));
        return new Aggd(alpha, leftStd * ratio, rightStd * ratio);
    }

    /** The AGGD mean {@code (βr − βl) Γ(2/α) / Γ(1/α)} (Eq. 8 of Mittal et al.). */
    double mean() {
        return (betaR - betaL) * (gamma(2 / alpha) / gamma(1 / alpha));
    }

    private static double sq(double x) {
        return x * x;
    }

    /** {@code np.mean} of float32 values: {@link #sum} then one float32 division. */
    static float mean(float[] a, int n) {
        return sum(a, n) / n;
    }

    /**
     * {@code np.add.reduce} of a contiguous float32 array as NumPy 1.24 runs it: the reduction
     * iterator hands the loop chunks of at most 8192 elements (its buffer size), each summed
     * pairwise, accumulated in order onto the identity 0. (NumPy 2 sums the whole array pairwise;
     * on one butterfly block the difference moves alpha by a grid step.)
     */
    static float sum(float[] a, int n) {
        float s = 0f;
        for (int off = 0; off < n; off += CHUNK) {
            s += pairwiseSum(a, off, Math.min(CHUNK, n - off));
        }
        return s;
    }

    /** NumPy's pairwise summation (8-way unrolled leaves of at most 128 elements) in float32. */
    static float pairwiseSum(float[] a, int off, int n) {
        if (n < 8) {
            float res = -0.0f;
            for (int i = 0; i < n; i++) {
                res += a[off + i];
            }
            return res;
        }
        if (n <= 128) {
            float r0 = a[off];
            float r1 = a[off + 1];
            float r2 = a[off + 2];
            float r3 = a[off + 3];
            float r4 = a[off + 4];
            float r5 = a[off + 5];
            float r6 = a[off + 6];
            float r7 = a[off + 7];
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                int k = off + i;
                r0 += a[k];
                r1 += a[k + 1];
                r2 += a[k + 2];
                r3 += a[k + 3];
                r4 += a[k + 4];
                r5 += a[k + 5];
                r6 += a[k + 6];
                r7 += a[k + 7];
            }
            float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[off + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSum(a, off, n2) + pairwiseSum(a, off + n2, n - n2);
    }

    /**
     * Γ(x) for x &gt; 0 (here 0.1 ... 15): Lanczos approximation g = 7, n = 9, relative error about
     * 1e-15, close enough to SciPy's {@code gamma} that the grid argmin picks the same alpha.
     */
    static double gamma(double x) {
        if (x < 0.5) {
            return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
        }
        x -= 1;
        double a = LANCZOS[0];
        double t = x + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            a += LANCZOS[i] / (x + i);
        }
        return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
    }
}
