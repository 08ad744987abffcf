package org.dadiff4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    private static double[][] randomSymmetric(int n, long seed) {
        Random r = new Random(seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = r.nextGaussian();
                a[j][i] = a[i][j];
            }
        }
        return a;
    }

    @Test
    void decomposesARandomSymmetricMatrix() {
        int n = 37;
        double[][] a = randomSymmetric(n, 7);
        SymmetricEigen e = SymmetricEigen.of(a, true);
        for (int k = 0; k < n; k++) {
            double[] v = e.vectors[k];
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int j = 0; j < n; j++) {
                    av += a[i][j] * v[j];
                }
                assertEquals(e.values[k] * v[i], av, 1e-12, "A v = λ v");
            }
            for (int l = 0; l < n; l++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += v[i] * e.vectors[l][i];
                }
                assertEquals(k == l ? 1 : 0, dot, 1e-13, "orthonormal");
            }
            if (k > 0) {
                assertEquals(true, e.values[k - 1] <= e.values[k], "ascending");
            }
        }
        double trace = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            trace += a[i][i];
            sum += e.values[i];
        }
        assertEquals(trace, sum, 1e-12);
        assertArrayEquals(e.values, SymmetricEigen.of(a, false).values, 1e-12);
    }

    @Test
    void knownSpectrum() {
        // [[2,1],[1,2]] has eigenvalues 1 and 3; a diagonal block and a zero row stay put.
        double[][] a = {{2, 1, 0, 0}, {1, 2, 0, 0}, {0, 0, -5, 0}, {0, 0, 0, 0}};
        assertArrayEquals(new double[] {-5, 0, 1, 3}, SymmetricEigen.of(a, false).values, 1e-14);
        assertEquals(5, SymmetricEigen.of(a, true).maxAbs(), 1e-14);
    }
}
