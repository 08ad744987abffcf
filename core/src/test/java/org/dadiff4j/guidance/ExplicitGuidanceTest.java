package org.dadiff4j.guidance;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.dadiff4j.degrade.Kernel;
import org.dadiff4j.degrade.Kernels;
import org.dadiff4j.degrade.operator.AveragePool;
import org.dadiff4j.degrade.operator.BlurDownsample;
import org.dadiff4j.sampling.StepInfo;
import org.junit.jupiter.api.Test;

class ExplicitGuidanceTest {

    private static final StepInfo STEP = new StepInfo(0, 1, 500, 400, 0.08f, 0.13f);

    private static NDArray uniform(NDManager m, Shape shape, long seed) {
        Random r = new Random(seed);
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return m.create(v, shape);
    }

    private static double relative(NDArray got, NDArray want) {
        try (NDArray d = got.sub(want)) {
            return d.norm().getFloat() / want.norm().getFloat();
        }
    }

    @Test
    void explicitGuidanceMatchesTheMeasurementAndKeepsTheNullSpace() {
        Kernel[] kernels = {Kernels.isotropicGaussian(21, 1.2), Kernels.gaussian(21, 1.6, 0.9, 0.5)};
        try (NDManager m = NDManager.newBaseManager()) {
            for (Kernel k : kernels) {
                NDArray x0 = uniform(m, new Shape(1, 3, 48, 40), 1).muli(2f);
                NDArray truth = uniform(m, new Shape(1, 3, 48, 40), 2);
                BlurDownsample op = BlurDownsample.of(k, 4);
                NDArray y = op.apply(truth);
                try (ExplicitGuidance.Bound g = ExplicitGuidance.explicit(k, 4, y)) {
                    NDArray hat = g.apply(x0, STEP);
                    String route = op.route().toString();
                    assertTrue(relative(op.apply(hat), y) < 1e-4, route + ": A x0_hat = y, " + relative(op.apply(hat), y));
                    NDArray nullHat = hat.sub(op.pinv(op.apply(hat)));
                    NDArray nullX0 = x0.sub(op.pinv(op.apply(x0)));
                    assertTrue(relative(nullHat, nullX0) < 1e-4, route + ": null space kept");
                }
            }
        }
    }

    @Test
    void combineWithTheExactPseudoInverseIsTheExplicitProjection() {
        BlurDownsample op = BlurDownsample.of(Kernels.gaussian(21, 1.3, 1.0, 0.3), 2);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x0 = uniform(m, new Shape(2, 3, 32, 32), 3);
            NDArray y = op.apply(uniform(m, new Shape(2, 3, 32, 32), 4));
            ExplicitGuidance combine = ExplicitGuidance.builder().setOperator(op).optRestoration(op::pinv).build();
            ExplicitGuidance explicit = ExplicitGuidance.builder().setOperator(op).build();
            try (ExplicitGuidance.Bound c = combine.bind(y); ExplicitGuidance.Bound e = explicit.bind(y)) {
                assertTrue(combine.isCombined());
                double d = relative(c.apply(x0, STEP), e.apply(x0, STEP));
                assertTrue(d < 1e-5, "combine(R = A+) vs explicit " + d);
            }
        }
    }

    /** With an R that is no inverse of A (nearest upsampling) the step is x0 + (alpha/2) (R y - R A x0). */
    @Test
    void combineStepIsTheLearnedCorrectionScaledByAlpha() {
        BlurDownsample op = BlurDownsample.of(Kernels.isotropicGaussian(9, 1.0), 2);
        AveragePool nearest = new AveragePool(2);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x0 = uniform(m, new Shape(1, 3, 16, 16), 5);
            NDArray y = uniform(m, new Shape(1, 3, 8, 8), 6);
            NDArray want = x0.add(nearest.pinv(y).sub(nearest.pinv(op.apply(x0))).mul(0.15f));
            try (ExplicitGuidance.Bound g = ExplicitGuidance.builder().setOperator(op).optRestoration(nearest::pinv)
                    .optAlpha(0.3f).build().bind(y)) {
                assertTrue(relative(g.apply(x0, STEP), want) < 1e-6);
                assertTrue(relative(g.restored(), nearest.pinv(y)) == 0);
            }
        }
    }

    @Test
    void sigmaYIsOnlyForTheExplicitVariant() {
        BlurDownsample op = BlurDownsample.of(Kernels.isotropicGaussian(5, 1.0), 2);
        assertThrows(IllegalStateException.class,
                () -> ExplicitGuidance.builder().setOperator(op).optRestoration(op::pinv).optSigmaY(0.05f).build());
        assertThrows(IllegalStateException.class, () -> ExplicitGuidance.builder().build());
    }
}
