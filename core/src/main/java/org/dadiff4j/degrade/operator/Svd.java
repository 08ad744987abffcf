package org.dadiff4j.degrade.operator;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The thin singular value decomposition A = U diag(values) V^T of a real matrix, by EJML, in double,
 * singular values descending. Taken of A itself rather than through A A^T, whose eigenvalues
 * square the condition number.
 */
final class Svd {

    /** Singular values, descending (min(rows, cols) of them). */
    final double[] values;
    private final DMatrixRMaj u;
    private final DMatrixRMaj v;

    private Svd(double[] values, DMatrixRMaj u, DMatrixRMaj v) {
        this.values = values;
        this.u = u;
        this.v = v;
    }

    /** Decomposes {@code a} (rows x cols, row-major, not modified). */
    static Svd of(double[][] a) {
        int rows = a.length;
        int cols = a[0].length;
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, cols, true, true, true);
        if (!svd.decompose(new DMatrixRMaj(a))) {
            throw new ArithmeticException("singular value decomposition did not converge (" + rows + "x" + cols + ")");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        double[] values = new double[Math.min(rows, cols)];
        for (int k = 0; k < values.length; k++) {
            values[k] = w.get(k, k);
        }
        return new Svd(values, u, v);
    }

    /**
     * The best rank-one approximation values[0] u_1 v_1^T (Eckart-Young) as a column c and a row r
     * with A ~ c r^T: c = values[0] u_1 and r = v_1, a unit vector; signed so that c sums to at least 0.
     *
     * @return {c, r}
     */
    double[][] rankOne() {
        int rows = u.numRows;
        int cols = v.numRows;
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            sum += u.get(i, 0);
        }
        double sign = sum < 0 ? -1 : 1;
        double[] c = new double[rows];
        double[] r = new double[cols];
        for (int i = 0; i < rows; i++) {
            c[i] = sign * values[0] * u.get(i, 0);
        }
        for (int j = 0; j < cols; j++) {
            r[j] = sign * v.get(j, 0);
        }
        return new double[][] {c, r};
    }

    /**
     * The pseudo-inverse A^+ = V diag(1 / values) U^T (cols x rows, row-major), singular values at
     * most {@code rcond} times the largest counting as zero.
     */
    float[] pseudoInverse(double rcond) {
        int rows = u.numRows;
        int cols = v.numRows;
        double cut = rcond * (values.length > 0 ? values[0] : 0);
        double[] out = new double[cols * rows];
        for (int k = 0; k < values.length && values[k] > cut && values[k] > 0; k++) {
            double f = 1 / values[k];
            for (int t = 0; t < cols; t++) {
                double vt = v.get(t, k) * f;
                for (int j = 0; j < rows; j++) {
                    out[t * rows + j] += vt * u.get(j, k);
                }
            }
        }
        float[] f = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            f[i] = (float) out[i];
        }
        return f;
    }
}
