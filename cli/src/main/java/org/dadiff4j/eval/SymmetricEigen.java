package org.dadiff4j.eval;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigen-decomposition of a real symmetric matrix in double, by EJML (the project's one
 * linear-algebra library): NIQE's pseudo-inverse of a covariance and the Fréchet distance's
 * matrix square roots.
 */
final class SymmetricEigen {

    /** Eigenvalues, ascending. */
    public final double[] values;
    /** {@code vectors[k]} is the unit eigenvector of {@code values[k]}; null when not requested. */
    public final double[][] vectors;

    private SymmetricEigen(double[] values, double[][] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Decomposes the symmetric matrix {@code a} (n x n, row-major, not modified). */
    public static SymmetricEigen of(double[][] a, boolean wantVectors) {
        int n = a.length;
        DMatrixRMaj m = new DMatrixRMaj(a);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, wantVectors, true);
        if (!eig.decompose(m)) {
            throw new ArithmeticException("eigen-decomposition did not converge (" + n + "x" + n + ")");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(eig.getEigenvalue(x).real, eig.getEigenvalue(y).real));
        double[] values = new double[n];
        double[][] vectors = wantVectors ? new double[n][] : null;
        for (int k = 0; k < n; k++) {
            values[k] = eig.getEigenvalue(order[k]).real;
            if (wantVectors) {
                vectors[k] = eig.getEigenVector(order[k]).getData().clone();
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** Largest absolute eigenvalue (the spectral norm, i.e. the largest singular value). */
    public double maxAbs() {
        return Math.max(Math.abs(values[0]), Math.abs(values[values.length - 1]));
    }
}
