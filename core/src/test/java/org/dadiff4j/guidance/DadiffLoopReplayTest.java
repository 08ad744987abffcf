package org.dadiff4j.guidance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dadiff4j.sampling.ArrayNoise;
import org.dadiff4j.sampling.DdimScheduler;
import org.dadiff4j.sampling.EpsilonModel;
import org.dadiff4j.sampling.NoiseSchedule;
import org.dadiff4j.sampling.Sampler;
import org.dadiff4j.sampling.X0Hook;
import org.dadiff4j.testutil.SharedData;
import org.dadiff4j.weights.Npy;
import org.junit.jupiter.api.Test;

/**
 * The DADiff loop of reference/dadiff-loop-small (DDIM eta=1, 100 steps, learned guidance with the
 * stand-in operators) replayed against the official run. Case a feeds the recorded epsilon of
 * every step, so the whole loop must match bit for bit. Cases b-d need the small UNet: they run
 * through {@link #verifyCase} with that {@link EpsilonModel} and the README's tolerances.
 */
class DadiffLoopReplayTest {

    private static final String DIR = "reference/dadiff-loop-small/";
    private static final Shape IMAGE = new Shape(1, 3, 64, 64);

    private static float[] load(String name) {
        return Npy.read(SharedData.require(DIR + name)).toFloats();
    }

    /** What the loop produced, keyed like the reference files. */
    private static Map<String, float[]> replay(NDManager m, EpsilonModel model, float alpha, boolean perturb) {
        Map<String, float[]> got = new HashMap<>();
        DdimScheduler ddim = new DdimScheduler(NoiseSchedule.linear(), 1f);
        ddim.setTimesteps(100);
        LearnedGuidance guidance = LearnedGuidance.builder()
                .setDegradation(StandInOperators::degrade)
                .setRestoration(StandInOperators::restore)
                .optAlpha(alpha).optPerturbInput(perturb).optOfficialUnits(true).build();
        NDArray ldLq = m.create(load("ld_lq.npy"), IMAGE);
        NDArray xT = m.create(load("x_T.npy"), IMAGE);
        try (LearnedGuidance.Bound hook = guidance.bind(ldLq)) {
            got.put("Apy", hook.restored().toFloatArray());
            if (perturb) {
                got.put("ld_lq_perturbed", hook.perturbed().toFloatArray());
            }
            X0Hook recording = (x0, s) -> {
                if (s.index() == 0) {
                    got.put("x0_t_step001", x0.toFloatArray());
                }
                return hook.apply(x0, s);
            };
            NDArray x = new Sampler(ddim).sample(model, xT, new ArrayNoise(load("noise.npy")), recording,
                    (s, x0, xNext) -> {
                        int step = s.index() + 1;
                        if (step == 1) {
                            got.put("x0_t_hat_step001", x0.toFloatArray());
                        }
                        if (step == 1 || step == 50 || step == 99 || step == 100) {
                            got.put(String.format("x_t_after_step%03d", step), xNext.toFloatArray());
                        }
                    });
            got.put("output", Sampler.toImage(x).toFloatArray());
        }
        return got;
    }

    /** Recorded epsilon of case a: eps_all[k] at step k, checked against the step's timestep. */
    private static EpsilonModel recorded(float[] all) {
        int n = Math.toIntExact(IMAGE.size());
        int[] k = {0};
        return (x, t) -> {
            assertEquals(990 - 10 * k[0], t.toFloatArray()[0], "timestep of step " + k[0]);
            float[] e = Arrays.copyOfRange(all, k[0] * n, (k[0] + 1) * n);
            k[0]++;
            return x.getManager().create(e, IMAGE);
        };
    }

    /**
     * Runs one case folder with its flags from cases.json and compares every saved tensor. Bit-exact
     * when {@code exact}; otherwise the README's rule: 1e-4 * max(1, max|ref|) for raw samples and
     * estimates, 1e-3 for [0,1] images. Cases b-d: pass the small UNet (case d: its anchored epsilon).
     */
    static void verifyCase(String name, EpsilonModel model, boolean exact) {
        Path dir = SharedData.require(DIR + name);
        JsonObject flags = cases().getAsJsonObject(name);
        boolean perturb = flags.get("perturb_y").getAsBoolean();
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, float[]> got = replay(m, model, flags.get("alpha").getAsFloat(), perturb);
            List<String> names = new ArrayList<>(List.of("Apy", "x0_t_hat_step001", "x_t_after_step001",
                    "x_t_after_step050", "x_t_after_step099", "x_t_after_step100", "output"));
            if (perturb) {
                names.add("ld_lq_perturbed");
            }
            for (String file : names) {
                Path ref = Files.exists(dir.resolve(file + ".npy")) ? dir.resolve(file + ".npy")
                        : SharedData.require(DIR + "case_a/" + file + ".npy");
                assertClose(file, Npy.read(ref).toFloats(), got.get(file), exact);
            }
            assertClose("x0_t_step001", load(Files.exists(dir.resolve("x0_t_step001.npy"))
                    ? name + "/x0_t_step001.npy" : "x0_t_step001.npy"), got.get("x0_t_step001"), exact);
        }
    }

    private static JsonObject cases() {
        try {
            return JsonParser.parseString(Files.readString(SharedData.require(DIR + "cases.json")))
                    .getAsJsonObject().getAsJsonObject("cases");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertClose(String name, float[] want, float[] got, boolean exact) {
        if (exact) {
            assertArrayEquals(want, got, name);
            return;
        }
        boolean image = name.equals("output") || name.equals("Apy") || name.equals("ld_lq_perturbed");
        double worst = 0;
        double scale = 1;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - want[i]));
            scale = Math.max(scale, Math.abs(want[i]));
        }
        double tol = image ? 1e-3 : 1e-4 * scale;
        assertTrue(worst <= tol, name + ": max abs diff " + worst + " > " + tol);
    }

    @Test
    void caseAReplaysBitExactlyFromRecordedEpsilon() {
        verifyCase("case_a", recorded(load("case_a/eps_all.npy")), true);
    }

    @Test
    void operatorsReproduceTheReferenceWithoutTheLoop() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ldLq = m.create(load("ld_lq.npy"), IMAGE);
            NDArray perturbed = StandInOperators.degrade(StandInOperators.restore(ldLq));
            assertArrayEquals(load("case_a/ld_lq_perturbed.npy"), perturbed.toFloatArray(), "ld_lq_perturbed");

            NDArray x0 = m.create(load("x0_t_step001.npy"), IMAGE);
            NDArray x0l = x0.add(1f).div(2f).clip(0f, 1f);
            NDArray apax = StandInOperators.restore(StandInOperators.degrade(x0l));
            assertArrayEquals(load("ApAx0_t_step001.npy"), apax.toFloatArray(), "ApAx0_t_step001");

            // Without perturbation Apy is Ap(ld_lq) after the official [0,1] -> [-1,1] -> [0,1] round trip.
            LearnedGuidance plain = LearnedGuidance.builder().setDegradation(StandInOperators::degrade)
                    .setRestoration(StandInOperators::restore).optPerturbInput(false).optOfficialUnits(true).build();
            try (LearnedGuidance.Bound b = plain.bind(ldLq)) {
                assertArrayEquals(load("case_b/Apy.npy"), b.restored().toFloatArray(), "case_b Apy");
                assertEquals(null, b.perturbed());
            }
        }
    }

    @Test
    void consistentUnitsGiveTheSameStepUpToRounding() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ldLq = m.create(load("ld_lq.npy"), IMAGE);
            NDArray x0 = m.create(load("x0_t_step001.npy"), IMAGE);
            float[] want = load("case_a/x0_t_hat_step001.npy");
            LearnedGuidance consistent = LearnedGuidance.builder().setDegradation(StandInOperators::degrade)
                    .setRestoration(StandInOperators::restore).optOfficialUnits(false).build();
            try (LearnedGuidance.Bound b = consistent.bind(ldLq)) {
                float[] got = b.apply(x0, null).toFloatArray();
                double worst = 0;
                double scale = 1;
                for (int i = 0; i < want.length; i++) {
                    worst = Math.max(worst, Math.abs(got[i] - want[i]));
                    scale = Math.max(scale, Math.abs(want[i]));
                }
                // x0_t reaches 638 here, so float32 rounding of the sum alone is ~3e-5.
                assertTrue(worst <= 1e-6 * scale, "consistent vs official x0_hat: " + worst);
                // Alpha is not doubled: the correction itself is alpha * (Apy - ApAx0), ~0.3 * O(1).
                float[] x0f = load("x0_t_step001.npy");
                double corr = 0;
                for (int i = 0; i < want.length; i++) {
                    corr = Math.max(corr, Math.abs(got[i] - x0f[i]));
                }
                assertTrue(corr > 0.05 && corr < 0.3, "correction size " + corr);
            }
        }
    }
}
