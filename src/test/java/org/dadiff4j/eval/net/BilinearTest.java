package org.dadiff4j.eval.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.dadiff4j.nn.Upsample;
import org.junit.jupiter.api.Test;

/** The plain bilinear resize: no antialiasing when shrinking, and the usual bilinear when enlarging. */
class BilinearTest {

    @Test
    void halvingAveragesNeighbourPairsOnly() {
        // Source positions (i + 0.5)·2 − 0.5 = 0.5, 2.5, 4.5, 6.5: the mean of two pixels, nothing wider.
        try (NDManager m = NDManager.newBaseManager();
                NDArray x = m.create(new float[] {0, 0, 0, 8, 0, 0, 0, 0}, new Shape(1, 1, 1, 8));
                NDArray y = Bilinear.resize(x, 1, 4)) {
            assertArrayEquals(new float[] {0, 4, 0, 0}, y.toFloatArray());
        }
    }

    @Test
    void sameSizeIsIdentity() {
        float[] v = random(2 * 3 * 5 * 7, 1);
        try (NDManager m = NDManager.newBaseManager(); NDArray x = m.create(v, new Shape(2, 3, 5, 7));
                NDArray y = Bilinear.resize(x, 5, 7)) {
            assertArrayEquals(v, y.toFloatArray());
        }
    }

    @Test
    void enlargingAgreesWithTheEngine() {
        try (NDManager m = NDManager.newBaseManager();
                NDArray x = m.create(random(2 * 3 * 13 * 9, 2), new Shape(2, 3, 13, 9));
                NDArray ours = Bilinear.resize(x, 40, 31); NDArray engine = Upsample.bilinear(x, 40, 31)) {
            assertEquals(new Shape(2, 3, 40, 31), ours.getShape());
            assertArrayEquals(engine.toFloatArray(), ours.toFloatArray(), 1e-6f);
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
