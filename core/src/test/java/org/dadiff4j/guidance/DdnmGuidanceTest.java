package org.dadiff4j.guidance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.dadiff4j.degrade.operator.AveragePool;
import org.dadiff4j.sampling.DdimScheduler;
import org.dadiff4j.sampling.NoiseSchedule;
import org.dadiff4j.sampling.Sampler;
import org.dadiff4j.sampling.StepInfo;
import org.dadiff4j.sampling.TorchNoise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DdnmGuidanceTest {

    private static NDArray uniform(NDManager m, Shape shape, long seed) {
        Random r = new Random(seed);
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return m.create(v, shape);
    }

    private static double maxAbsDiff(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
    }

    private static final StepInfo STEP = new StepInfo(0, 1, 500, 400, 0.08f, 0.13f);

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void guidedEstimateMatchesTheMeasurementAndKeepsTheNullSpace(int s) {
        AveragePool op = new AveragePool(s);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x0 = uniform(m, new Shape(1, 3, 32, 32), s).muli(3f);
            NDArray y = op.apply(uniform(m, new Shape(1, 3, 32, 32), 100 + s));
            NDArray hat = new DdnmGuidance(op, y).apply(x0, STEP);
            assertTrue(maxAbsDiff(op.apply(hat), y) <= 1e-6, "A x0_hat = y");
            // (I - A+A) x0_hat = (I - A+A) x0_t: guidance only replaces the range-space part.
            NDArray nullHat = hat.sub(op.pinv(op.apply(hat)));
            NDArray nullX0 = x0.sub(op.pinv(op.apply(x0)));
            assertTrue(maxAbsDiff(nullHat, nullX0) <= 2e-6, "null space kept");
        }
    }

    @Test
    void ddnmPlusShrinksTheCorrectionOnlyWhereMeasurementNoiseDominates() {
        DdnmGuidance g = new DdnmGuidance(new AveragePool(2), null, 0.1f);
        // sigma_t = sqrt(1 - 0.13^2) = 0.9915 >= 0.13 * 0.2: full correction.
        assertEquals(1f, g.lambda(STEP));
        // at_next = 0.999: sigma_t = sqrt(1 - 0.998001) = 0.04471, a_t*s_y = 0.1998 -> 0.22377.
        StepInfo late = new StepInfo(9, 10, 10, 5, 0.998f, 0.999f);
        float sigmaT = (float) Math.sqrt(1f - 0.999f * 0.999f);
        assertEquals(sigmaT / (0.999f * 0.2f), g.lambda(late));
        assertEquals(0.2238, g.lambda(late), 1e-4);
        // Last step: at_next = 1, sigma_t = 0: no correction at all.
        assertEquals(0f, g.lambda(new StepInfo(9, 10, 0, -1, 0.9999f, 1f)));
        assertEquals(1f, new DdnmGuidance(new AveragePool(2), null).lambda(late));
    }

    @Test
    void ddnmSamplingEndsConsistentWithTheMeasurement() {
        AveragePool op = new AveragePool(4);
        DdimScheduler ddim = new DdimScheduler(NoiseSchedule.linear(), 0.85f);
        ddim.setTimesteps(10);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = op.apply(uniform(m, new Shape(1, 3, 32, 32), 5));
            NDArray xT = m.randomNormal(new Shape(1, 3, 32, 32));
            NDArray out = new Sampler(ddim).sample((x, t) -> x.mul(0.5f), xT, new TorchNoise(3),
                    new DdnmGuidance(op, y));
            assertTrue(maxAbsDiff(op.apply(out), y) <= 1e-6);
        }
    }
}
