package org.dadiff4j.nn;

import static org.dadiff4j.nn.Weights.assertClose;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ActivationsTest {

    @Test
    void siluIsXTimesSigmoidX() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = {0f, 1f, -1f, 2f, -20f, 20f};
            float[] expected = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                expected[i] = (float) (x[i] / (1 + Math.exp(-x[i])));
            }
            // Known points: silu(1) = 0.7310586, silu(-1) = -0.2689414.
            assertClose(new float[] {0.7310586f, -0.2689414f}, new float[] {expected[1], expected[2]}, 1e-7);
            assertClose(expected, Activations.silu(m.create(x)).toFloatArray(), 1e-6);
        }
    }
}
