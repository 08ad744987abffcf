package org.dadiff4j.nn;

import static org.dadiff4j.nn.Weights.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class UpsampleTest {

    @Test
    void nearestDoublesEachPixelIntoABlock() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
            NDArray y = Upsample.nearest2x(x);
            assertEquals(new Shape(1, 1, 4, 4), y.getShape());
            assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, y.toFloatArray());
            assertArrayEquals(y.toFloatArray(), Weights.run(Upsample.builder().build(), x));
        }
    }

    @Test
    void bilinearWithoutAlignedCornersWeighsQuarterPixels() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Source centres sit at (dst + 0.5) / 2 - 0.5, clamped at 0: rows and columns weigh
            // [0, 1] as a, 0.75a+0.25b, 0.25a+0.75b, b. On v(r, c) = 2r + c that is linear.
            NDArray x = m.create(new float[] {0, 1, 2, 3}, new Shape(1, 1, 2, 2));
            float[] w = {0f, 0.25f, 0.75f, 1f};
            float[] expected = new float[16];
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    expected[r * 4 + c] = 2 * w[r] + w[c];
                }
            }
            assertClose(expected, Upsample.bilinear(x, 4, 4).toFloatArray(), 1e-6);
            assertClose(expected, Weights.run(Upsample.builder().optMode(Upsample.Mode.BILINEAR).build(), x), 1e-6);
        }
    }
}
