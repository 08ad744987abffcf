package org.dadiff4j.eval;

/** {@code np.cov(x, rowvar=False)} (ddof 1) in float64, and the centring it starts with. */
final class Covariance {

    private Covariance() {}

    /** Rows minus their column means, in float64 (rows are observations). */
    static double[][] centred(double[][] rows) {
        int n = rows.length;
        int f = rows[0].length;
        double[] mean = new double[f];
        for (double[] r : rows) {
            for (int j = 0; j < f; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < f; j++) {
            mean[j] /= n;
        }
        double[][] c = new double[n][f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                c[i][j] = rows[i][j] - mean[j];
            }
        }
        return c;
    }

    /** The sample covariance of the rows; NumPy scales the cross products by {@code 1/(n−1)}. */
    static double[][] of(double[][] rows) {
        if (rows.length < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 observations, got " + rows.length);
        }
        double[][] x = centred(rows);
        int f = x[0].length;
        double scale = 1.0 / (rows.length - 1);
        double[][] cov = new double[f][f];
        for (double[] r : x) {
            for (int i = 0; i < f; i++) {
                double ri = r[i];
                double[] ci = cov[i];
                for (int j = i; j < f; j++) {
                    ci[j] += ri * r[j];
                }
            }
        }
        for (int i = 0; i < f; i++) {
            for (int j = i; j < f; j++) {
                cov[i][j] *= scale;
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }
}
