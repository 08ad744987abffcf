package org.dadiff4j.eval;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Fréchet distance between two Gaussians fitted to feature activations (the maths of FID,
 * pytorch-fid's {@code calculate_frechet_distance}):
 * {@code ‖μ1 − μ2‖² + tr Σ1 + tr Σ2 − 2 tr sqrtm(Σ1 Σ2)}.
 *
 * <p>Statistics follow pytorch-fid: μ is a float32 mean of the float32 activations, Σ the float64
 * covariance (ddof 1), and ‖Δμ‖² a float32 dot (here: summed in float64, rounded once to float32).
 *
 * <p>{@code tr sqrtm(Σ1Σ2)} is computed without SciPy's complex Schur square root. With factors
 * Σi = Fi Fiᵀ, the non-zero eigenvalues of Σ1Σ2 are the squared singular values of F1ᵀF2, so the
 * trace is their sum. With no more samples than dimensions the factors are the centred activations
 * (a small n1×n2 SVD); otherwise F is the Cholesky factor L of a positive definite Σ (or, when
 * neither is, V√Λ from its eigen-decomposition) and the trace is Σ√λ(Lᵀ Σ' L). All the linear
 * algebra is EJML's. Both routes stay real and drop eigenvalues at round-off level (the exact null space
 * of rank-deficient covariances). SciPy's Schur square root instead adds the square roots of those
 * round-off eigenvalues: on the pytorch-fid reference cases its trace is 2.5e-5 (8 samples in 2048
 * dimensions) and 1.0e-5 (2 samples) above the exact value, which this class reproduces to 1e-12.
 * For full-rank covariances the two agree to 1e-12. The distances agree with pytorch-fid within the
 * tolerances of the reference data (1e-4, 1e-3, 1e-6).
 */
public final class FrechetDistance {

    private FrechetDistance() {}

    /** Mean (float32) and covariance (float64) of a set of activations. */
    public record Stats(float[] mu, double[][] sigma) {

        /** pytorch-fid's {@code calculate_activation_statistics} for rows of activations. */
        public static Stats of(float[][] act) {
            return new Stats(mean(act), Covariance.of(toDoubles(act)));
        }
    }

    /** The terms of the distance; {@link #value()} adds them up as pytorch-fid does. */
    public record Result(double meanTerm, double trace1, double trace2, double traceCovmean) {

        /** {@code ‖Δμ‖² + tr Σ1 + tr Σ2 − 2 tr sqrtm(Σ1Σ2)}. */
        public double value() {
            return meanTerm + trace1 + trace2 - 2 * traceCovmean;
        }
    }

    /** The distance between two sets of activations, rows = samples (at least 2 each). */
    public static Result compute(float[][] act1, float[][] act2) {
        int dim = check(act1, act2);
        if (act1.length > dim || act2.length > dim) {
            return compute(Stats.of(act1), Stats.of(act2));
        }
        DMatrixRMaj x1 = new DMatrixRMaj(Covariance.centred(toDoubles(act1)));
        DMatrixRMaj x2 = new DMatrixRMaj(Covariance.centred(toDoubles(act2)));
        double s1 = 1.0 / (act1.length - 1);
        double s2 = 1.0 / (act2.length - 1);
        // F1ᵀF2 with Fi = Xiᵀ / sqrt(ni − 1): an n1 x n2 matrix whose singular values are the
        // square roots of the non-zero eigenvalues of Σ1Σ2.
        DMatrixRMaj m = new DMatrixRMaj(act1.length, act2.length);
        CommonOps_DDRM.multTransB(Math.sqrt(s1 * s2), x1, x2, m);
        return new Result(meanTerm(mean(act1), mean(act2)), sumSquares(x1) * s1,
                sumSquares(x2) * s2, sumSingularValues(m));
    }

    /** The distance between two Gaussians given by their statistics (e.g. loaded from files). */
    public static Result compute(Stats a, Stats b) {
        int n = a.mu.length;
        if (b.mu.length != n || a.sigma.length != n || b.sigma.length != n) {
            throw new IllegalArgumentException("statistics of different dimensions: " + n + " and " + b.mu.length);
        }
        DMatrixRMaj sigma1 = new DMatrixRMaj(a.sigma);
        DMatrixRMaj sigma2 = new DMatrixRMaj(b.sigma);
        double meanTerm = meanTerm(a.mu, b.mu);
        double trace1 = CommonOps_DDRM.trace(sigma1);
        double trace2 = CommonOps_DDRM.trace(sigma2);
        // With Σ = F Fᵀ, Σ Σ' has the non-zero eigenvalues of the symmetric Fᵀ Σ' F. Σ1Σ2 and
        // Σ2Σ1 have the same eigenvalues, so either side may be factored: the positive definite one
        // by Cholesky if there is one (more samples than dimensions), else through its eigenvectors.
        DMatrixRMaj f = cholesky(sigma1);
        DMatrixRMaj other = sigma2;
        if (f == null) {
            f = cholesky(sigma2);
            other = sigma1;
        }
        if (f == null) {
            f = eigenFactor(sigma1);
            other = sigma2;
        }
        if (f.numCols == 0) {
            return new Result(meanTerm, trace1, trace2, 0);
        }
        DMatrixRMaj of = new DMatrixRMaj(n, f.numCols);
        CommonOps_DDRM.mult(other, f, of);
        DMatrixRMaj m = new DMatrixRMaj(f.numCols, f.numCols);
        CommonOps_DDRM.multTransA(f, of, m);
        CommonOps_DDRM.symmLowerToFull(symmetrise(m));
        return new Result(meanTerm, trace1, trace2, traceSqrt(m));
    }

    /**
     * The lower Cholesky factor L of {@code s} (L Lᵀ = s) by EJML, or null where {@code s} is not
     * positive definite beyond round-off: a pivot at or below n·ε·max diag (the round-off of an
     * exact zero) means a rank-deficient covariance, whose factor would be noise.
     */
    static DMatrixRMaj cholesky(DMatrixRMaj s) {
        int n = s.numRows;
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(s.copy())) {
            return null;
        }
        DMatrixRMaj l = chol.getT(null);
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, s.get(i, i));
        }
        double tol = n * Math.ulp(1.0) * max;
        for (int i = 0; i < n; i++) {
            double pivot = l.get(i, i);
            if (!(pivot * pivot > tol)) {
                return null;
            }
        }
        return l;
    }

    /**
     * F = V√Λ over the eigenvalues of the positive semi-definite {@code s} above round-off
     * (n·ε·max|λ|), so that F Fᵀ = s with one column per dimension of its range. EJML's symmetric
     * eigen-decomposition with vectors costs far more than a Cholesky (about 30 s for 2048
     * dimensions on one core); it is needed only when neither covariance is positive definite.
     */
    static DMatrixRMaj eigenFactor(DMatrixRMaj s) {
        int n = s.numRows;
        double[][] rows = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rows[i][j] = s.get(i, j);
            }
        }
        SymmetricEigen e = SymmetricEigen.of(rows, true);
        double tol = n * Math.ulp(1.0) * e.maxAbs();
        java.util.List<Integer> kept = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (e.values[k] > tol) {
                kept.add(k);
            }
        }
        DMatrixRMaj f = new DMatrixRMaj(n, kept.size());
        for (int c = 0; c < kept.size(); c++) {
            int k = kept.get(c);
            double root = Math.sqrt(e.values[k]);
            for (int i = 0; i < n; i++) {
                f.set(i, c, e.vectors[k][i] * root);
            }
        }
        return f;
    }

    private static int check(float[][] act1, float[][] act2) {
        if (act1.length < 2 || act2.length < 2) {
            throw new IllegalArgumentException("the Fréchet distance needs at least 2 samples per set, got "
                    + act1.length + " and " + act2.length);
        }
        int dim = act1[0].length;
        for (float[][] set : new float[][][] {act1, act2}) {
            for (float[] row : set) {
                if (row.length != dim) {
                    throw new IllegalArgumentException("activations of different lengths: " + dim + " and " + row.length);
                }
            }
        }
        return dim;
    }

    /** {@code np.mean(act, axis=0)} on float32: rows summed in order in float32, then divided. */
    static float[] mean(float[][] act) {
        float[] s = new float[act[0].length];
        for (float[] row : act) {
            for (int j = 0; j < s.length; j++) {
                s[j] += row[j];
            }
        }
        for (int j = 0; j < s.length; j++) {
            s[j] /= act.length;
        }
        return s;
    }

    private static double meanTerm(float[] mu1, float[] mu2) {
        double acc = 0;
        for (int j = 0; j < mu1.length; j++) {
            float d = mu1[j] - mu2[j];
            acc += (double) d * d;
        }
        return (float) acc;
    }

    /**
     * Σ√λ over the eigenvalues of a symmetric positive semi-definite matrix; those below
     * n·ε·max|λ| (NumPy's matrix_rank tolerance) are round-off of exact zeros and left out.
     */
    private static double traceSqrt(DMatrixRMaj psd) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(psd.numRows, false, true);
        if (!eig.decompose(psd.copy())) {
            throw new ArithmeticException("eigen-decomposition did not converge (" + psd.numRows + "x" + psd.numRows + ")");
        }
        double[] values = new double[psd.numRows];
        double max = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = eig.getEigenvalue(i).real;
            max = Math.max(max, Math.abs(values[i]));
        }
        return sumAbove(values, psd.numRows * Math.ulp(1.0) * max, true);
    }

    /**
     * The nuclear norm Σσ of {@code m} by EJML's SVD, leaving out singular values below
     * max(rows, cols)·ε·σmax (NumPy's matrix_rank tolerance).
     */
    private static double sumSingularValues(DMatrixRMaj m) {
        double[] sv = SingularOps_DDRM.singularValues(m);
        double max = 0;
        for (double v : sv) {
            max = Math.max(max, v);
        }
        return sumAbove(sv, Math.max(m.numRows, m.numCols) * Math.ulp(1.0) * max, false);
    }

    private static double sumAbove(double[] values, double tol, boolean roots) {
        double t = 0;
        for (double v : values) {
            if (v > tol) {
                t += roots ? Math.sqrt(v) : v;
            }
        }
        return t;
    }

    /** Averages the lower triangle with the upper one (round-off makes Fᵀ Σ F slightly asymmetric). */
    private static DMatrixRMaj symmetrise(DMatrixRMaj c) {
        for (int i = 0; i < c.numRows; i++) {
            for (int j = 0; j < i; j++) {
                c.set(i, j, 0.5 * (c.get(i, j) + c.get(j, i)));
            }
        }
        return c;
    }

    private static double sumSquares(DMatrixRMaj x) {
        double s = 0;
        for (int i = 0; i < x.getNumElements(); i++) {
            s += x.data[i] * x.data[i];
        }
        return s;
    }

    private static double[][] toDoubles(float[][] act) {
        double[][] d = new double[act.length][];
        for (int i = 0; i < act.length; i++) {
            d[i] = new double[act[i].length];
            for (int j = 0; j < d[i].length; j++) {
                d[i][j] = act[i][j];
            }
        }
        return d;
    }
}
