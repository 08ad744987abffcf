package org.dadiff4j.eval.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DJL's pooling against PyTorch's definitions written out in Java: floor mode
 * (out = ⌊(n + 2p − k) / s⌋ + 1), padding never wins a max, and count_include_pad=False divides
 * by the cells inside the image.
 */
class PoolingTest {

    private static final int N = 2;
    private static final int C = 3;

    @Test
    void maxPoolMatchesDefinition() {
        // Odd and even sizes with stride 2 exercise the floor; negative values show that padding is not 0.
        check(9, 8, 3, 2, 0, true);
        check(7, 6, 2, 2, 0, true);
        check(6, 5, 3, 1, 1, true);
    }

    @Test
    void averageExcludingPadMatchesDefinition() {
        check(6, 5, 3, 1, 1, false);
        check(5, 7, 3, 2, 1, false);
    }

    @Test
    void floorModeOutputSizes() {
        try (NDManager m = NDManager.newBaseManager(); NDArray x = m.zeros(new Shape(1, 1, 147, 147))) {
            // Inception's max pools: 147 → 73, 71 → 35.
            try (NDArray y = Pooling.max(x, 3, 2, 0)) {
                assertEquals(new Shape(1, 1, 73, 73), y.getShape());
            }
        }
    }

    private static void check(int h, int w, int k, int s, int p, boolean max) {
        Random rnd = new Random(h * 31 + w * 7 + k + s + p);
        float[] in = new float[N * C * h * w];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (rnd.nextGaussian() - 3); // mostly negative
        }
        int oh = (h + 2 * p - k) / s + 1;
        int ow = (w + 2 * p - k) / s + 1;
        float[] want = new float[N * C * oh * ow];
        for (int nc = 0; nc < N * C; nc++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    int count = 0;
                    for (int dy = 0; dy < k; dy++) {
                        for (int dx = 0; dx < k; dx++) {
                            int y = oy * s - p + dy;
                            int x = ox * s - p + dx;
                            if (y < 0 || x < 0 || y >= h || x >= w) {
                                continue;
                            }
                            float v = in[(nc * h + y) * w + x];
                            acc = max ? Math.max(acc, v) : acc + v;
                            count++;
                        }
                    }
                    want[(nc * oh + oy) * ow + ox] = (float) (max ? acc : acc / count);
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager(); NDArray x = m.create(in, new Shape(N, C, h, w));
                NDArray y = max ? Pooling.max(x, k, s, p) : Pooling.avgExcludingPad(x, k, s, p)) {
            assertEquals(new Shape(N, C, oh, ow), y.getShape());
            assertArrayEquals(want, y.toFloatArray(), max ? 0f : 1e-6f);
        }
    }
}
