package org.dadiff4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpectralNormConv2dTest {

    // W as a 3x2 matrix (1x1 kernel): singular values 3 and 1.
    private static final float[] W = {3, 0, 0, 1, 0, 0};
    private static final float[] U0 = {0.6f, 0.8f, 0f};
    private static final float[] V0 = {1f, 0f};

    private static SpectralNormConv2d layer(NDManager m) {
        SpectralNormConv2d c = SpectralNormConv2d.builder().setChannels(2, 3).setKernel(1).optBias(false).build();
        c.initialize(m, DataType.FLOAT32);
        Map<String, Parameter> sd = c.stateDict();
        assertEquals(List.of("weight_orig", "weight_u", "weight_v"), List.copyOf(sd.keySet()));
        sd.get("weight_orig").getArray().set(W);
        sd.get("weight_u").getArray().set(U0);
        sd.get("weight_v").getArray().set(V0);
        return c;
    }

    @Test
    void trainingRunsOnePowerIterationAndStoresUV() {
        try (NDManager m = NDManager.newBaseManager()) {
            SpectralNormConv2d c = layer(m);
            NDArray x = m.create(new float[] {1, 2}, new Shape(1, 2, 1, 1));
            NDArray y = c.apply(new ParameterStore(m, false), x, true);
            // v1 = normalize(W^T u0) = normalize(1.8, 0.8); u1 = normalize(W v1) = normalize(5.4, 0.8, 0)
            double n1 = Math.hypot(1.8, 0.8);
            double[] v1 = {1.8 / n1, 0.8 / n1};
            double n2 = Math.hypot(3 * v1[0], v1[1]);
            double[] u1 = {3 * v1[0] / n2, v1[1] / n2, 0};
            Map<String, Parameter> sd = c.stateDict();
            assertArrayEquals(toFloat(v1), sd.get("weight_v").getArray().toFloatArray(), 1e-6f);
            assertArrayEquals(toFloat(u1), sd.get("weight_u").getArray().toFloatArray(), 1e-6f);
            double sigma = u1[0] * 3 * v1[0] + u1[1] * v1[1];
            assertEquals(sigma, c.sigma(), 1e-5);
            assertArrayEquals(new float[] {(float) (3 / sigma), (float) (2 / sigma), 0f}, y.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void repeatedTrainingCallsConvergeToLargestSingularValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            SpectralNormConv2d c = layer(m);
            NDArray x = m.create(new float[] {1, 2}, new Shape(1, 2, 1, 1));
            for (int i = 0; i < 30; i++) {
                c.apply(new ParameterStore(m, false), x, true).close();
            }
            assertEquals(3.0, c.sigma(), 1e-5);
        }
    }

    @Test
    void evalUsesStoredUVAndKeepsThem() {
        try (NDManager m = NDManager.newBaseManager()) {
            SpectralNormConv2d c = layer(m);
            NDArray x = m.create(new float[] {1, 2}, new Shape(1, 2, 1, 1));
            NDArray y = c.apply(new ParameterStore(m, false), x, false);
            double sigma = 0.6 * 3; // u0 . (W v0) = (0.6, 0.8, 0) . (3, 0, 0)
            assertArrayEquals(new float[] {(float) (3 / sigma), (float) (2 / sigma), 0f}, y.toFloatArray(), 1e-6f);
            assertArrayEquals(U0, c.stateDict().get("weight_u").getArray().toFloatArray());
            assertArrayEquals(V0, c.stateDict().get("weight_v").getArray().toFloatArray());
        }
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
