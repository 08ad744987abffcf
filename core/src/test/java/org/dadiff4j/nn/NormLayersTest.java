package org.dadiff4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** InstanceNorm2d and BatchNorm2d against statistics computed in double in Java. */
class NormLayersTest {

    private static final int N = 2;
    private static final int C = 3;
    private static final int HW = 5;

    private static float[] data() {
        float[] d = new float[N * C * HW];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.sin(1.7 * i + 0.3 * i * i) * (1 + i % 7);
        }
        return d;
    }

    private static double at(float[] d, int n, int c, int k) {
        return d[(n * C + c) * HW + k];
    }

    @Test
    void instanceNormNormalisesEachSampleAndChannelThenScales() {
        float[] d = data();
        try (NDManager m = NDManager.newBaseManager()) {
            InstanceNorm2d norm = new InstanceNorm2d(C, true);
            norm.initialize(m, DataType.FLOAT32);
            norm.stateDict().get("weight").getArray().set(new float[] {2, -1, 0.5f});
            norm.stateDict().get("bias").getArray().set(new float[] {0.1f, 0.2f, 0.3f});
            float[] w = {2, -1, 0.5f};
            float[] b = {0.1f, 0.2f, 0.3f};
            float[] y = norm.apply(new ParameterStore(m, false), m.create(d, new Shape(N, C, 1, HW)), false).toFloatArray();
            for (int n = 0; n < N; n++) {
                for (int c = 0; c < C; c++) {
                    double mean = 0;
                    double var = 0;
                    for (int k = 0; k < HW; k++) {
                        mean += at(d, n, c, k) / HW;
                    }
                    for (int k = 0; k < HW; k++) {
                        var += Math.pow(at(d, n, c, k) - mean, 2) / HW;
                    }
                    for (int k = 0; k < HW; k++) {
                        double want = (at(d, n, c, k) - mean) / Math.sqrt(var + 1e-5) * w[c] + b[c];
                        assertEquals(want, y[(n * C + c) * HW + k], 1e-5, "n" + n + " c" + c + " k" + k);
                    }
                }
            }
        }
    }

    @Test
    void batchNormTrainUsesBatchStatsAndUpdatesRunningStatsLikePytorch() {
        float[] d = data();
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNorm2d bn = new BatchNorm2d(C, false);
            bn.initialize(m, DataType.FLOAT32);
            assertEquals(DataType.INT64, bn.stateDict().get("num_batches_tracked").getArray().getDataType());
            float[] y = bn.apply(new ParameterStore(m, false), m.create(d, new Shape(N, C, 1, HW)), true).toFloatArray();
            float[] rm = bn.stateDict().get("running_mean").getArray().toFloatArray();
            float[] rv = bn.stateDict().get("running_var").getArray().toFloatArray();
            for (int c = 0; c < C; c++) {
                double mean = 0;
                double ss = 0;
                for (int n = 0; n < N; n++) {
                    for (int k = 0; k < HW; k++) {
                        mean += at(d, n, c, k) / (N * HW);
                    }
                }
                for (int n = 0; n < N; n++) {
                    for (int k = 0; k < HW; k++) {
                        ss += Math.pow(at(d, n, c, k) - mean, 2);
                    }
                }
                double biased = ss / (N * HW);
                for (int n = 0; n < N; n++) {
                    for (int k = 0; k < HW; k++) {
                        double want = (at(d, n, c, k) - mean) / Math.sqrt(biased + 1e-5);
                        assertEquals(want, y[(n * C + c) * HW + k], 1e-5);
                    }
                }
                assertEquals(0.1 * mean, rm[c], 1e-6);
                assertEquals(0.9 + 0.1 * ss / (N * HW - 1), rv[c], 1e-5);
            }
            assertEquals(1L, bn.stateDict().get("num_batches_tracked").getArray().getLong());
        }
    }

    @Test
    void batchNormEvalUsesRunningStatsAndChangesNothing() {
        float[] d = data();
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNorm2d bn = new BatchNorm2d(C, false);
            bn.initialize(m, DataType.FLOAT32);
            float[] rm = {0.5f, -1f, 2f};
            float[] rv = {4f, 0.25f, 1f};
            bn.stateDict().get("running_mean").getArray().set(rm);
            bn.stateDict().get("running_var").getArray().set(rv);
            float[] y = bn.apply(new ParameterStore(m, false), m.create(d, new Shape(N, C, 1, HW)), false).toFloatArray();
            for (int n = 0; n < N; n++) {
                for (int c = 0; c < C; c++) {
                    for (int k = 0; k < HW; k++) {
                        double want = (at(d, n, c, k) - rm[c]) / Math.sqrt(rv[c] + 1e-5);
                        assertEquals(want, y[(n * C + c) * HW + k], 1e-5);
                    }
                }
            }
            assertArrayEquals(rm, bn.stateDict().get("running_mean").getArray().toFloatArray());
            assertEquals(0L, bn.stateDict().get("num_batches_tracked").getArray().getLong());
        }
    }
}
