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

    /**
     * x_next = sqrt(at_next) x0 + gamma_t (c1 z + c2 eps), c1 = sqrt(1 - at_next) eta,
     * c2 = sqrt(1 - at_next) sqrt(1 - eta^2) (DDNM, guided_diffusion/diffusion.py). Worked out by hand
     * for at_next = 0.9, sigma_y = 0.1: sigma_t = sqrt(1 - 0.81) = 0.435890, s_y = 0.2,
     * gamma_t = sqrt(0.19 - 0.18^2) = 0.396989; sqrt(0.1) = 0.316228, sqrt(0.9) = 0.948683.
     */
    @Test
    void stepMatchesTheOfficialFormulaByHand() {
        StepInfo late = new StepInfo(98, 100, 10, 0, 0.8f, 0.9f);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x0 = m.create(new float[] {0.5f, -0.25f, 1f}, new Shape(1, 3, 1, 1));
            NDArray eps = m.create(new float[] {1f, 2f, 3f}, new Shape(1, 3, 1, 1));
            NDArray z = m.create(new float[] {-1f, 0.5f, 2f}, new Shape(1, 3, 1, 1));
            assertEquals(0.396989f, new DdnmPlusScheduler(NoiseSchedule.linear(), 0.5f, 0.1f).gamma(late), 1e-6f);
            // eta = 0: c1 = 0, c2 = 0.316228 (eps only).
            assertStep(new float[] {0.599880f, 0.013907f, 1.325300f}, 0f, late, x0, eps, z);
            // eta = 0.5: c1 = 0.158114, c2 = 0.316228 * 0.866025 = 0.273861.
            assertStep(new float[] {0.520292f, 0.011654f, 1.400382f}, 0.5f, late, x0, eps, z);
            // eta = 1: c1 = 0.316228, c2 = 0 (fresh noise only).
            assertStep(new float[] {0.348803f, -0.174401f, 1.199761f}, 1f, late, x0, eps, z);
            // Measurement noise beyond sigma_t: gamma_t = 0 and no noise is added back at all.
            NDArray quiet = new DdnmPlusScheduler(NoiseSchedule.linear(), 0.5f, 10f).step(x0, eps, x0, late, z);
            assertArrayEquals(x0.mul((float) Math.sqrt(0.9f)).toFloatArray(), quiet.toFloatArray());
        }
    }

    private static void assertStep(float[] want, float eta, StepInfo s, NDArray x0, NDArray eps, NDArray z) {
        float[] got = new DdnmPlusScheduler(NoiseSchedule.linear(), eta, 0.1f).step(x0, eps, x0, s, z).toFloatArray();
        assertArrayEquals(want, got, 2e-6f, "eta = " + eta);
    }
}
