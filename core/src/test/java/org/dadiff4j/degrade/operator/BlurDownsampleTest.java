package org.dadiff4j.degrade.operator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.dadiff4j.DadiffException;
import org.dadiff4j.degrade.Kernel;
import org.dadiff4j.degrade.Kernels;
import org.junit.jupiter.api.Test;

class BlurDownsampleTest {

    private static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** A positive, asymmetric, non-separable kernel summing to 1. */
    private static Kernel randomKernel(int size, long seed) {
        return new Kernel(size, randomWeights(size, seed));
    }

    private static float[] randomWeights(int size, long seed) {
        Random r = new Random(seed);
        float[] w = new float[size * size];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.2f + r.nextFloat();
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= (float) sum;
        }
        return w;
    }

    private static NDArray random(NDManager m, long seed, long... shape) {
        Shape s = new Shape(shape);
        return m.create(gaussian((int) s.size(), seed), s);
    }

    /** The defining formula, evaluated directly in double. */
    private static double[] reference(float[] x, int planes, int hh, int ww, float[] k, int size, int s, int phase) {
        int o = phase + Math.floorDiv(s - size, 2);
        int h = hh / s;
        int w = ww / s;
        double[] out = new double[planes * h * w];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double acc = 0;
                    for (int a = 0; a < size; a++) {
                        for (int b = 0; b < size; b++) {
                            int y = Math.floorMod(s * i + o + a, hh);
                            int xx = Math.floorMod(s * j + o + b, ww);
                            acc += (double) k[a * size + b] * x[(p * hh + y) * ww + xx];
                        }
                    }
                    out[(p * h + i) * w + j] = acc;
                }
            }
        }
        return out;
    }

    private static double dot(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d += (double) x[i] * y[i];
        }
        return d;
    }

    private static double relative(NDArray got, NDArray want) {
        float[] g = got.toFloatArray();
        float[] w = want.toFloatArray();
        double num = 0;
        double den = 0;
        for (int i = 0; i < g.length; i++) {
            num += (g[i] - (double) w[i]) * (g[i] - (double) w[i]);
            den += (double) w[i] * w[i];
        }
        return Math.sqrt(num / den);
    }

    private static BlurDownsample[] operators() {
        return new BlurDownsample[] {
            BlurDownsample.of(Kernels.isotropicGaussian(21, 1.0), 2),
            BlurDownsample.of(Kernels.gaussian(21, 1.6, 0.9, 0.0), 4),
            BlurDownsample.of(Kernels.gaussian(21, 1.5, 0.8, 0.6), 2),
            BlurDownsample.of(randomKernel(7, 3), 4),
            BlurDownsample.builder().setKernel(randomKernel(5, 4)).setScale(3).optPhase(2).build(),
            BlurDownsample.builder().setKernel(4, randomWeights(4, 6)).setScale(2).build(),
        };
    }

    /**
     * The ramp (4a + b + 1)/136 at x2 has a spectral zero on every alias of the LR frequency
     * (pi, pi), so A A^T is singular: A A-dagger is then the projection onto the range, and the
     * residual y - A A-dagger y is orthogonal to it (A^T of it vanishes).
     */
    @Test
    void singularOperatorsGiveTheLeastSquaresSolution() {
        float[] ramp = new float[16];
        for (int i = 0; i < 16; i++) {
            ramp[i] = (i + 1) / 136f;
        }
        BlurDownsample op = BlurDownsample.builder().setKernel(4, ramp).setScale(2).build();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = random(m, 11, 1, 3, 24, 24);
            NDArray y = random(m, 12, 1, 3, 12, 12);
            NDArray ax = op.apply(x);
            assertTrue(relative(op.apply(op.pinv(ax)), ax) < 1e-4, "A A+ A = A");
            NDArray residual = y.sub(op.apply(op.pinv(y)));
            double outside = Math.sqrt(dot(residual, residual) / dot(y, y));
            assertTrue(outside > 1e-3, "y has a part outside the range: " + outside);
            NDArray back = op.adjoint(residual);
            double leak = Math.sqrt(dot(back, back) / dot(op.adjoint(y), op.adjoint(y)));
            assertTrue(leak < 1e-4, "A^T (y - A A+ y) " + leak + " after " + op.lastIterations() + " iterations");
        }
    }

    @Test
    void applyMatchesTheDefiningFormula() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (BlurDownsample op : operators()) {
                int s = op.scale();
                int hh = 24 * s / 2;
                int ww = 30 * s / 2;
                NDArray x = random(m, 1, 2, 3, hh, ww);
                float[] got = op.apply(x).toFloatArray();
                double[] want = reference(x.toFloatArray(), 6, hh, ww, op.kernel(), op.kernelSize(), s, op.phase());
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 2e-6, "x" + s + " k" + op.kernelSize() + " at " + i);
                }
            }
        }
    }

    @Test
    void adjointIsTheTranspose() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (BlurDownsample op : operators()) {
                int s = op.scale();
                NDArray x = random(m, 2, 2, 3, 12 * s, 15 * s);
                NDArray y = random(m, 3, 2, 3, 12, 15);
                double lhs = dot(op.apply(x), y);
                double rhs = dot(x, op.adjoint(y));
                assertEquals(lhs, rhs, 1e-5 * Math.abs(lhs), "x" + s + " k" + op.kernelSize());
            }
        }
    }

    @Test
    void pseudoInverseIdentities() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (BlurDownsample op : operators()) {
                int s = op.scale();
                NDArray x = random(m, 4, 1, 3, 16 * s, 12 * s);
                NDArray y = random(m, 5, 1, 3, 16, 12);
                NDArray ax = op.apply(x);
                double aapa = relative(op.apply(op.pinv(ax)), ax);
                double aapy = relative(op.apply(op.pinv(y)), y);
                String what = "x" + s + " k" + op.kernelSize() + " " + op.route() + " (" + op.lastIterations() + " CG iterations)";
                assertTrue(aapa < 1e-4, what + ": A A+ A x vs A x " + aapa);
                assertTrue(aapy < 1e-4, what + ": A A+ y vs y " + aapy);
            }
        }
    }

    /** A-dagger maps into the row space: A-dagger y = A^T z, so it is orthogonal to the null space of A. */
    @Test
    void pseudoInverseIsTheMinimumNormSolution() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (BlurDownsample op : operators()) {
                int s = op.scale();
                NDArray y = random(m, 6, 1, 2, 12, 12);
                NDArray x = random(m, 7, 1, 2, 12 * s, 12 * s);
                NDArray nullPart = x.sub(op.pinv(op.apply(x)));
                NDArray py = op.pinv(y);
                double cos = dot(py, nullPart) / Math.sqrt(dot(py, py) * dot(nullPart, nullPart));
                assertTrue(Math.abs(cos) < 1e-4, "x" + s + " k" + op.kernelSize() + ": cos " + cos);
            }
        }
    }

    @Test
    void svdAndConjugateGradientsAgreeOnSeparableKernels() {
        Kernel k = Kernels.gaussian(21, 1.4, 0.9, 0.0);
        BlurDownsample svd = BlurDownsample.of(k, 4);
        BlurDownsample cg = BlurDownsample.builder().setKernel(k).setScale(4).optRoute(BlurDownsample.Route.CG).build();
        assertTrue(svd.isSeparable());
        assertEquals(BlurDownsample.Route.SVD, svd.route());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = random(m, 8, 2, 3, 10, 14);
            double diff = relative(cg.pinv(y), svd.pinv(y));
            assertTrue(diff < 1e-4, "SVD vs CG " + diff + " after " + cg.lastIterations() + " iterations");
        }
    }

    @Test
    void separabilityIsDetected() {
        assertTrue(BlurDownsample.of(Kernels.isotropicGaussian(21, 2.0), 4).isSeparable());
        assertFalse(BlurDownsample.of(Kernels.gaussian(21, 2.0, 1.0, 0.7), 4).isSeparable());
        assertFalse(BlurDownsample.of(Kernels.generalizedGaussian(21, 2.0, 1.0, 0.0, 2.0), 4).isSeparable());
        assertThrows(IllegalArgumentException.class, () -> BlurDownsample.builder()
                .setKernel(randomKernel(5, 1)).setScale(2).optRoute(BlurDownsample.Route.SVD).build());
    }

    @Test
    void boxKernelIsAveragePooling() {
        for (int s : new int[] {2, 4}) {
            float[] box = new float[s * s];
            java.util.Arrays.fill(box, 1f / (s * s));
            for (BlurDownsample.Route route : new BlurDownsample.Route[] {BlurDownsample.Route.SVD, BlurDownsample.Route.CG}) {
                BlurDownsample op = BlurDownsample.builder().setKernel(s, box).setScale(s).optRoute(route).build();
                AveragePool pool = new AveragePool(s);
                try (NDManager m = NDManager.newBaseManager()) {
                    NDArray x = random(m, 9, 2, 3, 32, 24);
                    NDArray y = random(m, 10, 2, 3, 32 / s, 24 / s);
                    float[] want = pool.apply(x).toFloatArray();
                    float[] got = op.apply(x).toFloatArray();
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(want[i], got[i], 1e-6, "x" + s + " at " + i);
                    }
                    assertTrue(relative(op.pinv(y), pool.pinv(y)) < 1e-6, "pinv is block replication, x" + s + " " + route);
                }
            }
        }
    }

    @Test
    void rejectsImagesThatDoNotFit() {
        BlurDownsample op = BlurDownsample.of(Kernels.isotropicGaussian(21, 1.0), 4);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(DadiffException.class, () -> op.apply(m.zeros(new Shape(1, 3, 30, 32))));
            assertThrows(DadiffException.class, () -> op.apply(m.zeros(new Shape(1, 3, 16, 16))));
            assertThrows(DadiffException.class, () -> op.pinv(m.zeros(new Shape(3, 8, 8))));
            assertArrayEquals(new long[] {1, 3, 32, 28}, op.pinv(m.zeros(new Shape(1, 3, 8, 7))).getShape().getShape());
        }
    }
}
