package org.dadiff4j.nn;

import static org.dadiff4j.nn.Weights.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class AttentionTest {

    @Test
    void equalKeysAverageTheValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray q = m.randomNormal(new Shape(2, 4, 3));
            NDArray k = m.ones(new Shape(2, 4, 5));
            NDArray v = m.arange(0f, 40f).reshape(2, 4, 5);
            float[] out = Attention.attend(q, k, v, 0.7f, 1f).toFloatArray();
            float[] expected = new float[2 * 4 * 3];
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 4; c++) {
                    float mean = (b * 20 + c * 5) + 2f; // mean of 5 consecutive integers
                    for (int t = 0; t < 3; t++) {
                        expected[(b * 4 + c) * 3 + t] = mean;
                    }
                }
            }
            assertClose(expected, out, 1e-4);
        }
    }

    @Test
    void twoKeysGiveSoftmaxWeightsOfScaledDotProducts() {
        try (NDManager m = NDManager.newBaseManager()) {
            // One query q=(1,0); keys (1,0) and (0,1); logits q·k·s = s and 0.
            NDArray q = m.create(new float[] {1, 0}, new Shape(1, 2, 1));
            NDArray k = m.create(new float[] {1, 0, 0, 1}, new Shape(1, 2, 2));
            NDArray v = m.create(new float[] {10, 20, 1, 2}, new Shape(1, 2, 2));
            double s = 0.5;
            double p = Math.exp(s) / (Math.exp(s) + 1);
            float[] expected = {(float) (10 * p + 20 * (1 - p)), (float) (p + 2 * (1 - p))};
            assertClose(expected, Attention.attend(q, k, v, 1f, 0.5f).toFloatArray(), 1e-5);
            // Scaling q and k each by sqrt(0.5) gives the same logits.
            assertClose(expected, Attention.attend(q, k, v, (float) Math.sqrt(0.5), 1f).toFloatArray(), 1e-5);
        }
    }
}
