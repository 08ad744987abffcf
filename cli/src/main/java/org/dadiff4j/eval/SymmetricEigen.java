package org.dadiff4j.eval;

/**
 * Eigen-decomposition of a real symmetric matrix in double: Householder reduction to tridiagonal
 * form, then the implicit QL algorithm (EISPACK tred2/tql2, as in the public-domain JAMA package).
 * Used for NIQE's pseudo-inverse (36x36) and the Fréchet distance's matrix square roots (up to 2048).
 */
final class SymmetricEigen {

    private static final double EPS = Math.ulp(1.0);

    /** Eigenvalues, ascending. */
    final double[] values;
    /** {@code vectors[k]} is the unit eigenvector of {@code values[k]}; null when not requested. */
    final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes the symmetric matrix {@code a} (not modified); eigenvectors only if asked for. */
    static SymmetricEigen of(double[][] a, boolean wantVectors) {
        int n = a.length;
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = a[i].clone();
        }
        double[] d = new double[n];
        double[] e = new double[n];
        tridiagonalize(rows, d, e, wantVectors);
        ql(d, e, wantVectors ? rows : null);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(d[x], d[y]));
        double[] values = new double[n];
        double[][] vectors = wantVectors ? new double[n][] : null;
        for (int k = 0; k < n; k++) {
            values[k] = d[order[k]];
            if (wantVectors) {
                vectors[k] = rows[order[k]];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** Largest absolute eigenvalue (the spectral norm, i.e. the largest singular value). */
    double maxAbs() {
        return Math.max(Math.abs(values[0]), Math.abs(values[values.length - 1]));
    }

    /**
     * tred2 on {@code w}, the transpose of EISPACK's working matrix so that the O(n³) loops run along
     * rows (the input is symmetric, so it starts as itself). On return d is the diagonal, e the
     * sub-diagonal (e[0] = 0) and, if {@code accumulate}, the rows of w the columns of the
     * accumulated transform.
     */
    private static void tridiagonalize(double[][] w, double[] d, double[] e, boolean accumulate) {
        int n = d.length;
        for (int j = 0; j < n; j++) {
            d[j] = w[j][n - 1];
        }
        for (int i = n - 1; i > 0; i--) {
            double scale = 0.0;
            double h = 0.0;
            for (int k = 0; k < i; k++) {
                scale += Math.abs(d[k]);
            }
            if (scale == 0.0) {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++) {
                    d[j] = w[j][i - 1];
                    w[j][i] = 0.0;
                    w[i][j] = 0.0;
                }
            } else {
                for (int k = 0; k < i; k++) {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                double f = d[i - 1];
                double g = Math.sqrt(h);
                if (f > 0) {
                    g = -g;
                }
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++) {
                    e[j] = 0.0;
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    w[i][j] = f;
                    g = e[j] + w[j][j] * f;
                    for (int k = j + 1; k <= i - 1; k++) {
                        g += w[j][k] * d[k];
                        e[k] += w[j][k] * f;
                    }
                    e[j] = g;
                }
                f = 0.0;
                for (int j = 0; j < i; j++) {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) {
                    e[j] -= hh * d[j];
                }
                for (int j = 0; j < i; j++) {
                    f = d[j];
                    g = e[j];
                    for (int k = j; k <= i - 1; k++) {
                        w[j][k] -= f * e[k] + g * d[k];
                    }
                    d[j] = w[j][i - 1];
                    w[j][i] = 0.0;
                }
            }
            d[i] = h;
        }
        if (!accumulate) {
            // The transform is only needed for eigenvectors; the diagonal is already in place.
            for (int j = 0; j < n; j++) {
                d[j] = w[j][j];
            }
            e[0] = 0.0;
            return;
        }
        for (int i = 0; i < n - 1; i++) {
            w[i][n - 1] = w[i][i];
            w[i][i] = 1.0;
            double h = d[i + 1];
            if (h != 0.0) {
                for (int k = 0; k <= i; k++) {
                    d[k] = w[i + 1][k] / h;
                }
                for (int j = 0; j <= i; j++) {
                    double g = 0.0;
                    for (int k = 0; k <= i; k++) {
                        g += w[i + 1][k] * w[j][k];
                    }
                    for (int k = 0; k <= i; k++) {
                        w[j][k] -= g * d[k];
                    }
                }
            }
            for (int k = 0; k <= i; k++) {
                w[i + 1][k] = 0.0;
            }
        }
        for (int j = 0; j < n; j++) {
            d[j] = w[j][n - 1];
            w[j][n - 1] = 0.0;
        }
        w[n - 1][n - 1] = 1.0;
        e[0] = 0.0;
    }

    /** tql2 on the tridiagonal (d, e); rotates the rows of {@code z} (eigenvectors) when non-null. */
    private static void ql(double[] d, double[] e, double[][] z) {
        int n = d.length;
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        e[n - 1] = 0.0;
        double f = 0.0;
        double tst1 = 0.0;
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n && Math.abs(e[m]) > EPS * tst1) {
                m++;
            }
            if (m > l) {
                int iter = 0;
                do {
                    if (++iter > 60) {
                        throw new ArithmeticException("eigenvalue iteration did not converge");
                    }
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2.0 * e[l]);
                    double r = hypot(p, 1.0);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    p = d[m];
                    double c = 1.0;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0.0;
                    double s2 = 0.0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        if (z != null) {
                            double[] zi = z[i];
                            double[] zi1 = z[i + 1];
                            for (int k = 0; k < n; k++) {
                                double t = zi1[k];
                                zi1[k] = s * zi[k] + c * t;
                                zi[k] = c * zi[k] - s * t;
                            }
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > EPS * tst1);
            }
            d[l] += f;
            e[l] = 0.0;
        }
    }

    private static double hypot(double a, double b) {
        double x = Math.abs(a);
        double y = Math.abs(b);
        if (x < y) {
            double t = x;
            x = y;
            y = t;
        }
        if (x == 0.0) {
            return 0.0;
        }
        double q = y / x;
        return x * Math.sqrt(1.0 + q * q);
    }

    static double[][] transpose(double[][] a) {
        int r = a.length;
        int c = a[0].length;
        double[][] t = new double[c][r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }
}
