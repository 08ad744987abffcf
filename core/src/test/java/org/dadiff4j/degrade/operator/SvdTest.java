package org.dadiff4j.degrade.operator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rank-one split of kernels and the pseudo-inverse, against hand values and identities. */
class SvdTest {

    private static double[][] outer(double[] a, double[] b) {
        double[][] k = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                k[i][j] = a[i] * b[j];
            }
        }
        return k;
    }

    private static double frobeniusSquared(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        return s;
    }

    private static double[][] minus(double[][] a, double[][] b) {
        double[][] d = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                d[i][j] = a[i][j] - b[i][j];
            }
        }
        return d;
    }

    @Test
    void aSeparableKernelSplitsExactly() {
        double[] a = {1, 2, 3, 2, 1};
        double[] b = {1, 4, 6, 4, 1};
        double[][] k = outer(a, b);
        Svd svd = Svd.of(k);
        assertTrue(svd.values[1] < 1e-14 * svd.values[0], "rank one: sigma_2 " + svd.values[1]);
        double[][] split = svd.rankOne();
        double normB = Math.sqrt(1 + 16 + 36 + 16 + 1);
        for (int i = 0; i < 5; i++) {
            assertEquals(a[i] * normB, split[0][i], 1e-12, "the column carries sigma_1");
            assertEquals(b[i] / normB, split[1][i], 1e-14, "the row is a unit vector");
        }
        assertEquals(0, frobeniusSquared(minus(k, outer(split[0], split[1]))), 1e-24);
    }

    @Test
    void aNonSeparableKernelGivesTheBestRankOneApproximation() {
        // By hand: [[3,1],[1,3]] has singular values 4 and 2, and 4 (1,1)/sqrt2 (1,1)/sqrt2 = [[2,2],[2,2]].
        Svd hand = Svd.of(new double[][] {{3, 1}, {1, 3}});
        assertArrayEquals(new double[] {4, 2}, hand.values, 1e-14);
        double[][] split = hand.rankOne();
        assertArrayEquals(new double[] {2 * Math.sqrt(2), 2 * Math.sqrt(2)}, split[0], 1e-14);
        assertArrayEquals(new double[] {Math.sqrt(0.5), Math.sqrt(0.5)}, split[1], 1e-15);

        // A positive 7x7 kernel: the residual is what Eckart-Young leaves, sum of sigma_k^2 for k >= 2,
        // and no small change of either factor lowers it.
        Random r = new Random(3);
        double[][] k = new double[7][7];
        for (double[] row : k) {
            for (int j = 0; j < row.length; j++) {
                row[j] = 0.2 + r.nextDouble();
            }
        }
        Svd svd = Svd.of(k);
        double[][] best = svd.rankOne();
        double residual = frobeniusSquared(minus(k, outer(best[0], best[1])));
        double rest = 0;
        for (int i = 1; i < svd.values.length; i++) {
            rest += svd.values[i] * svd.values[i];
        }
        assertTrue(rest > 0.01, "not separable: " + rest);
        assertEquals(rest, residual, 1e-12);
        assertEquals(frobeniusSquared(k) - svd.values[0] * svd.values[0], residual, 1e-12);
        for (int trial = 0; trial < 20; trial++) {
            double[] c = best[0].clone();
            double[] v = best[1].clone();
            c[r.nextInt(7)] += 1e-3 * r.nextGaussian();
            v[r.nextInt(7)] += 1e-3 * r.nextGaussian();
            assertTrue(frobeniusSquared(minus(k, outer(c, v))) > residual, "a perturbed pair does better");
        }
        double sum = 0;
        for (double c : best[0]) {
            sum += c;
        }
        assertTrue(sum > 0, "the column of a positive kernel is positive");
    }

    @Test
    void thePseudoInverseMeetsThePenroseConditionsAndCutsSmallValues() {
        // 3 x 5 of rank 2 (the third row is the sum of the first two).
        double[][] a = {{1, 2, 0, -1, 3}, {0, 1, 4, 2, -1}, {1, 3, 4, 1, 2}};
        float[] p = Svd.of(a).pseudoInverse(1e-9);
        double[][] ap = new double[5][3];
        for (int t = 0; t < 5; t++) {
            for (int j = 0; j < 3; j++) {
                ap[t][j] = p[t * 3 + j];
            }
        }
        double[][] aapa = times(times(a, ap), a);
        double[][] apaap = times(times(ap, a), ap);
        assertTrue(frobeniusSquared(minus(aapa, a)) < 1e-9, "A A+ A = A");
        assertTrue(frobeniusSquared(minus(apaap, ap)) < 1e-9, "A+ A A+ = A+");
        double[][] aap = times(a, ap);
        double[][] apa = times(ap, a);
        assertTrue(frobeniusSquared(minus(aap, transpose(aap))) < 1e-9, "A A+ symmetric");
        assertTrue(frobeniusSquared(minus(apa, transpose(apa))) < 1e-9, "A+ A symmetric");

        double[][] diag = {{1, 0}, {0, 1e-9}};
        assertArrayEquals(new float[] {1, 0, 0, 0}, Svd.of(diag).pseudoInverse(1e-6));
        assertArrayEquals(new float[] {1, 0, 0, 1e9f}, Svd.of(diag).pseudoInverse(0));
    }

    private static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                for (int k = 0; k < b.length; k++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }
}
