package org.dadiff4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.dadiff4j.image.Resize;
import org.junit.jupiter.api.Test;

/**
 * Shrinking bilinear resizes follow PyTorch (no antialiasing), unlike DJL's native kernel. The
 * positions are computed in double here and in float in the reference recipe, hence 1e-5.
 */
class UpsampleShrinkTest {

    @Test
    void halvingAveragesNeighbourPairsOnly() {
        // Source positions (i + 0.5)*2 - 0.5 = 0.5, 2.5, 4.5, 6.5: the mean of two pixels, nothing wider.
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0, 0, 0, 8, 0, 0, 0, 0}, new Shape(1, 1, 1, 8));
            assertArrayEquals(new float[] {0, 4, 0, 0}, Upsample.bilinear(x, 1, 4).toFloatArray());
        }
    }

    @Test
    void shrinkingAgreesWithThePyTorchRecipe() {
        float[] v = random(2 * 3 * 40 * 31, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(v, new Shape(2, 3, 40, 31));
            NDArray ours = Upsample.bilinear(x, 13, 9);
            assertEquals(new Shape(2, 3, 13, 9), ours.getShape());
            assertArrayEquals(Resize.bilinearTorch(x, 13, 9).toFloatArray(), ours.toFloatArray(), 1e-5f);
            // mixed: one axis grows, one shrinks
            assertArrayEquals(Resize.bilinearTorch(x, 57, 20).toFloatArray(),
                    Upsample.bilinear(x, 57, 20).toFloatArray(), 1e-5f);
        }
    }

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat();
        }
        return v;
    }
}
