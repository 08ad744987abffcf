package org.dadiff4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.dadiff4j.models.adm.UNetModel;
import org.dadiff4j.models.ddpm.DdpmModel;
import org.junit.jupiter.api.Test;

/** The two families' sinusoidal embeddings differ in frequency spacing and in sin/cos order. */
class TimestepEmbeddingTest {

    private static float[] f(double... v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    @Test
    void admIsCosFirstWithFrequenciesOverHalf() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray t = m.create(new float[] {0f, 1f, 999f});
            float[] e = UNetModel.timestepEmbedding(t, 4).toFloatArray();
            // half = 2: f = [1, exp(-ln(1e4)/2) = 0.01]
            float[] expected = new float[12];
            System.arraycopy(f(1, 1, 0, 0), 0, expected, 0, 4);
            System.arraycopy(f(Math.cos(1), Math.cos(0.01), Math.sin(1), Math.sin(0.01)), 0, expected, 4, 4);
            System.arraycopy(f(Math.cos(999), Math.cos(9.99), Math.sin(999), Math.sin(9.99)), 0, expected, 8, 4);
            assertArrayEquals(expected, e, 2e-5f);
            assertEquals(5, UNetModel.timestepEmbedding(t, 5).getShape().get(1));
        }
    }

    @Test
    void ddpmIsSinFirstWithFrequenciesOverHalfMinusOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray t = m.create(new float[] {0f, 1f, 999f});
            float[] e = DdpmModel.timestepEmbedding(t, 4).toFloatArray();
            // half = 2: f = [1, exp(-ln(1e4)/1) = 1e-4]
            float[] expected = new float[12];
            System.arraycopy(f(0, 0, 1, 1), 0, expected, 0, 4);
            System.arraycopy(f(Math.sin(1), Math.sin(1e-4), Math.cos(1), Math.cos(1e-4)), 0, expected, 4, 4);
            System.arraycopy(f(Math.sin(999), Math.sin(0.0999), Math.cos(999), Math.cos(0.0999)), 0, expected, 8, 4);
            assertArrayEquals(expected, e, 2e-5f);
        }
    }
}
