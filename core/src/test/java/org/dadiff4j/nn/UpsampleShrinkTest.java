package org.dadiff4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.dadiff4j.image.Resize;
import org.dadiff4j.testutil.GarbageChurn;
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

    /**
     * y = R·x·Cᵀ is linear in x, so for L = Σ y·w the gradient g satisfies Σ g·x = L. The garbage
     * collector runs and fresh buffers are filled between forward and backward: autograd must
     * still read R and C (once it read the freed Java buffers behind them: wrong gradients).
     */
    @Test
    void theBackwardPassReadsTheInterpolationMatricesAfterTheGarbageCollectorRan() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(random(256 * 256, 3), new Shape(1, 1, 256, 256));
            NDArray w = m.create(random(100 * 100, 4), new Shape(1, 1, 100, 100));
            x.setRequiresGradient(true);
            float loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = Upsample.bilinear(x, 100, 100).mul(w).sum();
                loss = l.getFloat();
                GarbageChurn.run(256 * 100 * 4);
                gc.backward(l);
            }
            float dot = x.getGradient().mul(x.stopGradient()).sum().getFloat();
            assertEquals(loss, dot, 1e-4 * Math.abs(loss));
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
