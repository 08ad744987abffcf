package org.dadiff4j.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** DDNM+'s gamma_t: full noise without measurement noise, none where the measurement noise dominates. */
class DdnmPlusSchedulerTest {

    private static final StepInfo STEP = new StepInfo(0, 1, 500, 400, 0.08f, 0.13f);

    @Test
    void gammaFollowsEquation19() {
        float a = STEP.atNext();
        assertEquals((float) Math.sqrt(1f - a * a), new DdnmPlusScheduler(NoiseSchedule.linear(), 1f, 0f).gamma(STEP));
        float sy = 0.2f;
        float sigmaT = (float) Math.sqrt(1f - a * a);
        float noise = a * 2f * sy;
        assertEquals((float) Math.sqrt(sigmaT * sigmaT - noise * noise),
                new DdnmPlusScheduler(NoiseSchedule.linear(), 1f, sy).gamma(STEP), 1e-7f);
        assertEquals(0f, new DdnmPlusScheduler(NoiseSchedule.linear(), 1f, 10f).gamma(STEP));
    }

    @Test
    void stepAddsOnlyTheShrunkNoise() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x0 = m.create(new float[] {0.5f, -0.25f, 1f}, new Shape(1, 3, 1, 1));
            NDArray eps = m.create(new float[] {1f, 2f, 3f}, new Shape(1, 3, 1, 1));
            NDArray z = m.create(new float[] {-1f, 0.5f, 2f}, new Shape(1, 3, 1, 1));
            float root = (float) Math.sqrt(STEP.atNext());
            // Measurement noise beyond sigma_t: no noise is added back at all.
            NDArray quiet = new DdnmPlusScheduler(NoiseSchedule.linear(), 0.85f, 10f).step(x0, eps, x0, STEP, z);
            assertArrayEquals(x0.mul(root).toFloatArray(), quiet.toFloatArray());
            // eta = 1: fresh noise only, scaled by gamma_t * sqrt(1 - at_next).
            DdnmPlusScheduler plain = new DdnmPlusScheduler(NoiseSchedule.linear(), 1f, 0f);
            float scale = plain.gamma(STEP) * (float) Math.sqrt(1f - STEP.atNext());
            float[] got = plain.step(x0, eps, x0, STEP, z).toFloatArray();
            float[] x = x0.toFloatArray();
            float[] n = z.toFloatArray();
            for (int i = 0; i < 3; i++) {
                assertEquals(x[i] * root + scale * n[i], got[i], 1e-6f);
            }
        }
    }
}
