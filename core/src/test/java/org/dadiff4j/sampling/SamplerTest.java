package org.dadiff4j.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final Shape SHAPE = new Shape(2, 3, 8, 8);
    private static final NoiseSchedule SCHEDULE = NoiseSchedule.linear();

    private static NDArray gaussian(NDManager m, long seed) {
        Random r = new Random(seed);
        float[] v = new float[Math.toIntExact(SHAPE.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return m.create(v, SHAPE);
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

    /** The exact denoiser for a single clean image: eps = (x - sqrt(at) x0) / sqrt(1 - at). */
    private static EpsilonModel oracle(NDArray x0) {
        return (x, t) -> {
            float at = SCHEDULE.alphaBar((int) t.toFloatArray()[0]);
            try (NDArray signal = x0.mul((float) Math.sqrt(at))) {
                return x.sub(signal).divi((float) Math.sqrt(1f - at));
            }
        };
    }

    @Test
    void ddpmPosteriorEqualsDdimWithEtaOneForAConsistentEpsilon() {
        DdimScheduler ddim = new DdimScheduler(SCHEDULE, 1f);
        DdpmScheduler ddpm = new DdpmScheduler(SCHEDULE);
        ddim.setTimesteps(50);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x0 = gaussian(m, 1).muli(0.5f);
            NDArray eps = gaussian(m, 2);
            NDArray z = gaussian(m, 3);
            for (StepInfo s : ddim.steps()) {
                NDArray x = x0.mul((float) Math.sqrt(s.at())).addi(eps.mul((float) Math.sqrt(1f - s.at())));
                double d = maxAbsDiff(ddim.step(x, eps, x0, s, z), ddpm.step(x, eps, x0, s, z));
                assertTrue(d < 2e-5, "t=" + s.t() + ": DDIM(eta=1) vs DDPM " + d);
            }
        }
    }

    @Test
    void deterministicDdimKeepsTheEpsilonAndIgnoresTheNoise() {
        DdimScheduler ddim = new DdimScheduler(SCHEDULE, 0f);
        ddim.setTimesteps(10);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x0 = gaussian(m, 4);
            NDArray eps = gaussian(m, 5);
            StepInfo s = ddim.steps().get(3);
            assertEquals(0f, ddim.sigma(s));
            NDArray x = x0.mul((float) Math.sqrt(s.at())).addi(eps.mul((float) Math.sqrt(1f - s.at())));
            NDArray want = x0.mul((float) Math.sqrt(s.atNext()))
                    .addi(eps.mul((float) Math.sqrt(1f - s.atNext())));
            NDArray a = ddim.step(x, eps, x0, s, gaussian(m, 6));
            NDArray b = ddim.step(x, eps, x0, s, gaussian(m, 7));
            assertArrayEquals(a.toFloatArray(), b.toFloatArray());
            assertTrue(maxAbsDiff(a, want) < 1e-6);
        }
    }

    @Test
    void exactDenoiserLeadsBothSchedulersToItsImageWithoutLeaks() {
        for (Scheduler scheduler : new Scheduler[] {new DdimScheduler(SCHEDULE, 1f), new DdpmScheduler(SCHEDULE)}) {
            scheduler.setTimesteps(20);
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x0 = gaussian(m, 8).muli(0.3f);
                NDArray xT = gaussian(m, 9);
                List<Integer> seen = new ArrayList<>();
                NDArray out = new Sampler(scheduler).sample(oracle(x0), xT, new TorchNoise(7), X0Hook.NONE,
                        (s, est, x) -> {
                            assertEquals(20, s.total());
                            assertTrue(maxAbsDiff(est, x0) < 1e-3, "x0 estimate at t=" + s.t());
                            seen.add(s.t());
                        });
                assertEquals(List.of(950, 900, 850, 800, 750, 700, 650, 600, 550, 500, 450, 400, 350, 300,
                        250, 200, 150, 100, 50, 0), seen);
                assertTrue(maxAbsDiff(out, x0) < 1e-4, scheduler.getClass().getSimpleName());
                assertEquals(3, ((BaseNDManager) m).getManagedArrays().size(), "x0, xT and the result only");
            }
        }
    }

    @Test
    void hookEntersBeforeTheStep() {
        DdimScheduler ddim = new DdimScheduler(SCHEDULE, 0f);
        ddim.setTimesteps(5);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray target = gaussian(m, 10).muli(0.2f);
            NDArray xT = gaussian(m, 11);
            // A hook that projects onto the target overrides whatever the model believes.
            X0Hook project = (x0, s) -> x0.mul(0f).addi(target);
            NDArray a = new Sampler(ddim).sample((x, t) -> x.mul(0.5f), xT, new TorchNoise(1), project);
            // At the last step at_next = 1 and sigma = c_eps = 0, so x equals the hook's x0 exactly.
            assertArrayEquals(target.toFloatArray(), a.toFloatArray());
        }
    }

    /**
     * A learned-sigma model's eps is its first C channels. With an identity hook and DDIM (eta = 0,
     * so eps carries weight sqrt(1 - at_next) at every step but the last) a six-channel model must
     * sample exactly like the three-channel model of its first half; taking the variance channels
     * (x * 100) instead would diverge at once.
     */
    @Test
    void learnedSigmaChannelsAreDropped() {
        DdimScheduler ddim = new DdimScheduler(SCHEDULE, 0f);
        ddim.setTimesteps(5);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xT = gaussian(m, 11);
            EpsilonModel three = (x, t) -> x.mul(0.5f);
            EpsilonModel six = (x, t) -> NDArrays.concat(new ai.djl.ndarray.NDList(x.mul(0.5f), x.mul(100f)), 1);
            Sampler sampler = new Sampler(ddim);
            NDArray a = sampler.sample(three, xT, new TorchNoise(1), X0Hook.NONE);
            NDArray b = sampler.sample(six, xT, new TorchNoise(1), X0Hook.NONE);
            assertArrayEquals(a.toFloatArray(), b.toFloatArray());
            assertTrue(maxAbsDiff(a, xT) > 0.1, "the sample moved away from x_T");
        }
    }

    @Test
    void samplingNeedsTimesteps() {
        try (NDManager m = NDManager.newBaseManager()) {
            Sampler s = new Sampler(new DdimScheduler(SCHEDULE, 1f));
            NDArray x = gaussian(m, 12);
            assertThrows(IllegalStateException.class,
                    () -> s.sample((a, t) -> a.zerosLike(), x, new TorchNoise(1), X0Hook.NONE));
        }
    }
}
