package org.dadiff4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dadiff4j.degrade.DegradationPipeline;
import org.dadiff4j.degrade.Degraded;
import org.dadiff4j.degrade.Planes;
import org.junit.jupiter.api.Test;

class DegradationReadingTest {

    private static Planes grey(int size) {
        Planes hr = Planes.zeros(size, size, 3);
        for (float[] plane : hr.c) {
            Arrays.fill(plane, 0.5f);
        }
        return hr;
    }

    @Test
    void cleanRecipeReadsItsBlurAtLrSizeAndNothingElse() {
        Degraded clean = DegradationPipeline.load("clean").apply(grey(64), 4, 7);
        Map<String, Object> blur = clean.params.steps.get(0);
        assertEquals("blur", blur.get("op"), clean.params.steps.toString());
        double sx = ((Number) blur.get("sigmaX")).doubleValue();
        double sy = ((Number) blur.get("sigmaY")).doubleValue();
        float[] c = DegradationReading.of(clean);
        // the blur acted at HR size, 4x the LR's: a quarter of its sigma shows, in units of 0.5 LR px
        assertEquals(Math.sqrt((sx * sx + sy * sy) / 2) / 4 / 0.5, c[0], 1e-6);
        assertEquals(0f, c[1], "the clean recipe adds no noise");
        assertEquals(0f, c[2], "nor JPEG");
    }

    @Test
    void eachStepIsScaledByTheSizeItActedAt() {
        Degraded heavy = DegradationPipeline.load("heavy").apply(grey(64), 4, 7);
        double width = 64;
        double noiseVar = 0;
        double jpeg = 0;
        for (Map<String, Object> s : heavy.params.steps) {
            double shrink = Math.min(1, 16 / width);
            if ("resize".equals(s.get("op"))) {
                width = ((Number) s.get("width")).doubleValue();
            } else if ("noise".equals(s.get("op"))) {
                double sigma = "poisson".equals(s.get("type")) ? 10 * ((Number) s.get("scale")).doubleValue()
                        : ((Number) s.get("sigma")).doubleValue();
                noiseVar += sigma * sigma * shrink * shrink;
            } else if ("jpeg".equals(s.get("op"))) {
                jpeg = Math.max(jpeg, (100 - ((Number) s.get("quality")).doubleValue()) * shrink);
            }
        }
        float[] h = DegradationReading.of(heavy);
        assertTrue(noiseVar > 0 && jpeg > 0, "seed 7 of the heavy recipe adds noise and JPEG: " + heavy.params.steps);
        assertEquals(Math.sqrt(noiseVar) / 10, h[1], 1e-6);
        assertEquals(jpeg / 70, h[2], 1e-6);
        Degraded clean = DegradationPipeline.load("clean").apply(grey(64), 4, 7);
        float[] c = DegradationReading.of(clean);
        assertArrayEquals(new float[] {c[0], c[1], c[2], h[0], h[1], h[2]},
                DegradationReading.of(List.of(clean, heavy)));
    }
}
