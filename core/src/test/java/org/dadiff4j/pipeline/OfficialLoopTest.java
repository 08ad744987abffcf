package org.dadiff4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.dadiff4j.degrade.operator.AveragePool;
import org.dadiff4j.image.Picture;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.load.Priors;
import org.dadiff4j.sampling.ArrayNoise;
import org.dadiff4j.testutil.SharedData;
import org.dadiff4j.weights.Npy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole upscaler in official mode (LR bilinearly resized to HR size, perturbation, official
 * units, DDIM eta 1, 100 steps) reproduces dadiff-loop-small's outputs: the pipeline, not only the
 * loop, does what the official sampler does. The MSDI2E is replaced by the reference's stand-ins.
 */
class OfficialLoopTest {

    private static final String DIR = "reference/dadiff-loop-small/";
    private static NDManager manager;
    private static DiffusionPrior prior;

    /** The stand-in A and A-dagger of the reference README; they ignore the conditioning. */
    static final class StandIn implements DegradationAwareModel {
        private final AveragePool pool = AveragePool.torch(4);

        @Override
        public Domain domain() {
            return new Domain(0f, 1f, true, 4);
        }

        @Override
        public Representation encode(NDArray lq) {
            return () -> { };
        }

        @Override
        public NDArray degrade(NDArray x, Representation r) {
            try (NDArray low = pool.apply(x)) {
                return pool.pinv(low);
            }
        }

        @Override
        public NDArray restore(NDArray y, Representation r) {
            try (NDArray a = degrade(y, r); NDArray half = a.mul(0.5f)) {
                return y.mul(0.5f).addi(half);
            }
        }
    }

    @BeforeAll
    static void load() {
        Path dir = SharedData.require("reference/adm-small");
        manager = NDManager.newBaseManager();
        prior = Priors.load(dir.resolve("model.pt"), dir.resolve("config.json"), manager);
    }

    @AfterAll
    static void close() {
        if (manager != null) {
            manager.close();
        }
    }

    private static float[] load(String name) {
        return Npy.read(SharedData.require(DIR + name)).toFloats();
    }

    @ParameterizedTest
    @CsvSource({"case_a,0.3,true", "case_b,0.3,false", "case_c,1.0,true"})
    void upscalerReproducesTheOfficialOutput(String name, float alpha, boolean perturb) {
        float[] xT = load("x_T.npy");
        float[] noise = load("noise.npy");
        float[] stream = new float[xT.length + noise.length];
        System.arraycopy(xT, 0, stream, 0, xT.length);
        System.arraycopy(noise, 0, stream, xT.length, noise.length);
        float[] y = load("y_lr.npy");
        float[][] planes = new float[3][256];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(y, c * 256, planes[c], 0, 256);
        }
        Upscaler up = DiffusionUpscaler.builder().setPrior(prior)
                .setGuidance(new LearnedFactory(new StandIn(), alpha, perturb, true))
                .optScale(4).optSteps(100).optEta(1f)
                .optNoise(seed -> new ArrayNoise(stream))
                .build();
        Picture out = up.upscale(Picture.of(16, 16, planes, null, 16), 0, ProgressListener.NONE);
        float[] ref = load(name + "/output.npy");
        double worst = 0;
        for (int c = 0; c < 3; c++) {
            float[] p = out.plane(c);
            for (int i = 0; i < p.length; i++) {
                worst = Math.max(worst, Math.abs(p[i] - ref[c * 4096 + i]));
            }
        }
        assertTrue(worst <= 1e-3, name + ": max abs diff " + worst);
    }
}
