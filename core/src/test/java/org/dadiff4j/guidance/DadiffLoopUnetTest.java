package org.dadiff4j.guidance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.load.PriorConfigs;
import org.dadiff4j.sampling.EpsilonModel;
import org.dadiff4j.sampling.NoiseSchedule;
import org.dadiff4j.testutil.SharedData;
import org.dadiff4j.weights.Npy;
import org.dadiff4j.weights.PytorchCheckpoint;
import org.dadiff4j.weights.StrictLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official DADiff loop with the small ADM in it (reference/dadiff-loop-small cases a-d), within
 * the README's tolerance: this is the Java UNet, schedule, sampler and guidance end to end.
 */
class DadiffLoopUnetTest {

    private static NDManager manager;
    private static DiffusionPrior prior;

    @BeforeAll
    static void loadPrior() {
        Path dir = SharedData.require("reference/adm-small");
        manager = NDManager.newBaseManager();
        prior = PriorConfigs.fromConfig(dir.resolve("config.json"));
        StrictLoader.load(prior.network(), PytorchCheckpoint.read(dir.resolve("model.pt")), manager);
    }

    @AfterAll
    static void close() {
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void caseA() {
        DadiffLoopReplayTest.verifyCase("case_a", prior::epsilon, false);
    }

    @Test
    void caseBWithoutPerturbation() {
        DadiffLoopReplayTest.verifyCase("case_b", prior::epsilon, false);
    }

    @Test
    void caseCAlphaOne() {
        DadiffLoopReplayTest.verifyCase("case_c", prior::epsilon, false);
    }

    /** Case d's test-harness epsilon keeps the sample bounded, so the output is fully interior. */
    @Test
    void caseDAnchoredEpsilon() {
        float[] hr = Npy.read(SharedData.require("reference/dadiff-loop-small/x_hr.npy")).toFloats();
        NoiseSchedule schedule = NoiseSchedule.linear();
        EpsilonModel anchored = (x, t) -> {
            int step = (int) t.toFloatArray()[0];
            float at = schedule.alphaBar(step);
            NDManager m = x.getManager();
            NDArray x0ref = m.create(hr, new Shape(1, 3, 64, 64)).muli(2f).subi(1f);
            NDArray e = x.sub(x0ref.muli((float) Math.sqrt(at))).divi((float) Math.sqrt(1f - at));
            return e.addi(prior.epsilon(x, t).muli(0.1f));
        };
        DadiffLoopReplayTest.verifyCase("case_d", anchored, false);
    }
}
