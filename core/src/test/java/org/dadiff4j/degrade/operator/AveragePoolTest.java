package org.dadiff4j.degrade.operator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.dadiff4j.DadiffException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AveragePoolTest {

    private static final int N = 2;
    private static final int C = 3;
    private static final int H = 32;
    private static final int W = 24;

    private static float[] gaussian(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** The reference recipe: float32 sum of each block row by row, then / s^2. */
    private static float[] pooled(float[] x, int s) {
        int h = H / s;
        int w = W / s;
        float[] out = new float[N * C * h * w];
        for (int p = 0; p < N * C; p++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    float acc = 0f;
                    for (int di = 0; di < s; di++) {
                        for (int dj = 0; dj < s; dj++) {
                            acc += x[(p * H + i * s + di) * W + j * s + dj];
                        }
                    }
                    out[(p * h + i) * w + j] = acc / (s * s);
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void torchPoolingIsTheRowMajorFloat32Recipe(int s) {
        float[] x = gaussian(N * C * H * W, s);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = AveragePool.torch(s).apply(m.create(x, new Shape(N, C, H, W)));
            assertArrayEquals(new long[] {N, C, H / s, W / s}, y.getShape().getShape());
            assertArrayEquals(pooled(x, s), y.toFloatArray());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void pseudoInverseReplicatesEachValueOverItsBlock(int s) {
        float[] y = gaussian(N * C * (H / s) * (W / s), 100 + s);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] up = new AveragePool(s).pinv(m.create(y, new Shape(N, C, H / s, W / s))).toFloatArray();
            for (int p = 0; p < N * C; p++) {
                for (int i = 0; i < H; i++) {
                    for (int j = 0; j < W; j++) {
                        float want = y[(p * (H / s) + i / s) * (W / s) + j / s];
                        if (up[(p * H + i) * W + j] != want) {
                            throw new AssertionError("pinv x" + s + " at " + p + "," + i + "," + j);
                        }
                    }
                }
            }
        }
    }

    /** Pairwise block sums of s^2 equal values are exact, so both identities hold bit for bit. */
    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void pseudoInverseIdentitiesHoldExactly(int s) {
        AveragePool op = new AveragePool(s);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(gaussian(N * C * H * W, 7 * s), new Shape(N, C, H, W));
            NDArray y = m.create(gaussian(N * C * (H / s) * (W / s), 11 * s), new Shape(N, C, H / s, W / s));
            float[] ax = op.apply(x).toFloatArray();
            assertArrayEquals(ax, op.apply(op.pinv(op.apply(x))).toFloatArray(), "A A+ A = A");
            assertArrayEquals(y.toFloatArray(), op.apply(op.pinv(y)).toFloatArray(), "A A+ y = y");
            // Pairwise and row-major sums are both block means: they agree to rounding.
            float[] rowMajor = pooled(x.toFloatArray(), s);
            for (int i = 0; i < ax.length; i++) {
                assertTrue(Math.abs(ax[i] - rowMajor[i]) <= 1e-6 * Math.max(1, Math.abs(rowMajor[i])), "mean at " + i);
            }
        }
    }

    /**
     * PyTorch's row-major order sums s^2 copies of one value one after another: exact for s = 2,
     * within (s^2 - 1) half-ulps relative for s = 4 and 8.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void torchOrderIdentitiesHoldToItsRounding(int s) {
        AveragePool op = AveragePool.torch(s);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = m.create(gaussian(N * C * (H / s) * (W / s), 11 * s), new Shape(N, C, H / s, W / s));
            float[] yAgain = op.apply(op.pinv(y)).toFloatArray();
            assertRelative(y.toFloatArray(), yAgain, (s * s - 1) * Math.ulp(1f) / 2);
        }
    }

    private static void assertRelative(float[] want, float[] got, double bound) {
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.abs(want[i]));
        }
        assertTrue(worst <= bound, "relative error " + worst + " > " + bound);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5})
    void rejectsSizesThatAreNotMultiples(int s) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.zeros(new Shape(1, 3, 32, 32));
            assertThrows(DadiffException.class, () -> new AveragePool(s).apply(x));
        }
    }
}
