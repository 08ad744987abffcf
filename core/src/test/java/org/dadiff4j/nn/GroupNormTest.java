package org.dadiff4j.nn;

import static org.dadiff4j.nn.Weights.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class GroupNormTest {

    /** Normalises each group of {@code v} (sample-major, group-contiguous) in double precision. */
    private static float[] expected(float[] v, int groupSize, double eps, float[] w, float[] b, int perChannel, int channels) {
        float[] out = new float[v.length];
        for (int g0 = 0; g0 < v.length; g0 += groupSize) {
            double mean = 0;
            for (int i = 0; i < groupSize; i++) {
                mean += v[g0 + i];
            }
            mean /= groupSize;
            double var = 0;
            for (int i = 0; i < groupSize; i++) {
                var += (v[g0 + i] - mean) * (v[g0 + i] - mean);
            }
            var /= groupSize;
            for (int i = 0; i < groupSize; i++) {
                int c = ((g0 + i) / perChannel) % channels;
                out[g0 + i] = (float) ((v[g0 + i] - mean) / Math.sqrt(var + eps) * w[c] + b[c]);
            }
        }
        return out;
    }

    @Test
    void normalisesEachGroupOfEachSampleThenAppliesPerChannelAffine() {
        try (NDManager m = NDManager.newBaseManager()) {
            GroupNorm gn = GroupNorm.builder().setGroups(2).setChannels(4).optEps(1e-5f).build();
            Weights.init(gn, m);
            float[] w = {1f, 2f, -1f, 0.5f};
            float[] b = {0f, 1f, 3f, -2f};
            Weights.set(gn, "weight", w);
            Weights.set(gn, "bias", b);
            float[] v = new float[2 * 4 * 3];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (i * i % 7) - 2.5f + (i >= 12 ? 10f : 0f);
            }
            NDArray x = m.create(v, new Shape(2, 4, 3, 1));
            assertClose(expected(v, 6, 1e-5, w, b, 3, 4), Weights.run(gn, x), 2e-6);
        }
    }

    @Test
    void constantGroupGivesBiasAndEpsMatters() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Group [1, 3] has mean 2 and variance 1: with eps 1 the output is ±1/sqrt(2).
            NDArray x = m.create(new float[] {1, 3, 5, 5}, new Shape(1, 2, 2));
            float[] out = GroupNorm.groupNorm(x, 2, null, null, 1f).toFloatArray();
            float r = (float) (1 / Math.sqrt(2));
            assertClose(new float[] {-r, r, 0, 0}, out, 1e-6);
        }
    }

    @Test
    void defaultAffineIsIdentityAndNamesAreTorchs() {
        GroupNorm gn = GroupNorm.builder().setGroups(32).setChannels(64).build();
        assertArrayEquals(new Object[] {"weight", "bias"}, gn.stateDict().keySet().toArray());
        try (NDManager m = NDManager.newBaseManager()) {
            Weights.init(gn, m);
            assertArrayEquals(new float[] {1, 1}, gn.stateDict().get("weight").getArray().get("0:2").toFloatArray());
            assertArrayEquals(new float[] {0, 0}, gn.stateDict().get("bias").getArray().get("0:2").toFloatArray());
        }
        assertThrows(IllegalArgumentException.class, () -> GroupNorm.builder().setGroups(32).setChannels(48).build());
    }
}
