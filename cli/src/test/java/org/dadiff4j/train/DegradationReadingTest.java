package org.dadiff4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.dadiff4j.degrade.DegradationPipeline;
import org.dadiff4j.degrade.Degraded;
import org.dadiff4j.degrade.Kernel;
import org.dadiff4j.degrade.Kernels;
import org.dadiff4j.degrade.Planes;
import org.junit.jupiter.api.Test;

class DegradationReadingTest {

    @Test
    void spreadIsTheGaussiansSigma() {
        assertEquals(0, DegradationReading.spread(Kernel.identity()), 1e-12);
        // a 21-tap window truncates the tails a little
        assertEquals(2.0, DegradationReading.spread(Kernels.isotropicGaussian(21, 2.0)), 0.03);
        assertEquals(1.0, DegradationReading.spread(Kernels.isotropicGaussian(21, 1.0)), 0.005);
        // anisotropic: the mean of both axes' variances
        assertEquals(Math.sqrt((4 + 1) / 2.0), DegradationReading.spread(Kernels.gaussian(21, 2.0, 1.0, 0.7)), 0.03);
    }

    @Test
    void readsEveryStepOfTheRecord() {
        Planes hr = Planes.zeros(64, 64, 3);
        for (float[] plane : hr.c) {
            java.util.Arrays.fill(plane, 0.5f);
        }
        Degraded clean = DegradationPipeline.load("clean").apply(hr, 4, 7);
        float[] c = DegradationReading.of(clean);
        assertEquals(0f, c[1], "the clean recipe adds no noise");
        assertEquals(0f, c[2], "nor JPEG");
        assertEquals(DegradationReading.spread(clean.kernel) / 3, c[0], 1e-6);

        Degraded heavy = DegradationPipeline.load("heavy").apply(hr, 4, 7);
        double var = 0;
        double jpeg = 0;
        for (Map<String, Object> s : heavy.params.steps) {
            if ("noise".equals(s.get("op"))) {
                double sigma = "poisson".equals(s.get("type")) ? 10 * ((Number) s.get("scale")).doubleValue()
                        : ((Number) s.get("sigma")).doubleValue();
                var += sigma * sigma;
            } else if ("jpeg".equals(s.get("op"))) {
                jpeg = Math.max(jpeg, 100 - ((Number) s.get("quality")).doubleValue());
            }
        }
        float[] h = DegradationReading.of(heavy);
        assertTrue(var > 0 && jpeg > 0, "seed 7 of the heavy recipe adds noise and JPEG: " + heavy.params.steps);
        assertEquals(Math.sqrt(var) / 25, h[1], 1e-6);
        assertEquals(jpeg / 70, h[2], 1e-6);
        assertArrayEquals(new float[] {c[0], c[1], c[2], h[0], h[1], h[2]},
                DegradationReading.of(java.util.List.of(clean, heavy)));
    }
}
