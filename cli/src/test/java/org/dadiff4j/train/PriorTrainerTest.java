package org.dadiff4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dadiff4j.DadiffException;
import org.dadiff4j.JsonFiles;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.adm.AdmConfig;
import org.dadiff4j.models.adm.UNetModel;
import org.dadiff4j.models.load.Priors;
import org.dadiff4j.weights.Safetensors;
import org.dadiff4j.weights.StrictLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriorTrainerTest {

    /** Two levels of 32 and 64 channels, one ResBlock each, attention only in the middle block. */
    static final AdmConfig TINY = new AdmConfig(16, 32, 1, "1,2", false, false, false, "", 2, -1, -1, true, 0.0,
            false, false, false);

    private static PriorTrainer.Builder tiny(Path data, Path val, Path out, List<Double> losses) {
        return PriorTrainer.builder().setData(List.of(data)).optValidation(val).optValidationCount(4)
                .setOutput(out).optConfig(TINY).optBatch(4).optSteps(30).optLearningRate(2e-3).optWarmup(2)
                .optSeed(7).optCheckpointEvery(15).optValidateEvery(15)
                .optListener(new TrainListener() {
                    @Override
                    public void stepDone(StepStats s) {
                        losses.add(s.loss());
                    }
                });
    }

    @Test
    void lossFallsResumeRepeatsTheRunAndTheModelLoadsAsAPrior(@TempDir Path dir) throws Exception {
        Path data = TrainData.photos(dir.resolve("data"), 3, 1);
        Path val = TrainData.photos(dir.resolve("val"), 1, 100);
        List<Double> full = new ArrayList<>();
        Path model = tiny(data, val, dir.resolve("a"), full).build().run();
        assertEquals(dir.resolve("a/model.safetensors"), model);
        assertEquals(30, full.size());
        double first = full.subList(0, 5).stream().mapToDouble(d -> d).average().orElseThrow();
        double last = full.subList(25, 30).stream().mapToDouble(d -> d).average().orElseThrow();
        assertTrue(last < 0.7 * first, "loss should fall: first five " + first + ", last five " + last + " " + full);

        assertEquals(31, Files.readAllLines(dir.resolve("a/loss.csv")).size());
        List<String> v = Files.readAllLines(dir.resolve("a/val.csv"));
        assertEquals("step,mse_t100,mse_t500,mse_t900,mse_mean", v.get(0));
        assertEquals(List.of("0", "15", "30"), v.subList(1, 4).stream().map(l -> l.split(",")[0]).toList());
        // the zero-initialised output conv predicts ε = 0, so the untrained MSE is the mean of ε² ≈ 1
        double before = Double.parseDouble(v.get(1).split(",")[4]);
        double after = Double.parseDouble(v.get(3).split(",")[4]);
        assertEquals(1.0, before, 0.1, v.toString());
        assertTrue(after < 0.8 * before, "validation ε-MSE should fall: " + v);
        // ... at every validated timestep, not only on average (a trainer that drew too few small or
        // large timesteps would leave that end untrained): from about 1 at step 0, measured
        // 0.38/0.25/0.27 at step 15 and 0.28/0.15/0.16 at step 30 for t = 100/500/900.
        double[] limit = {0.45, 0.3, 0.3};
        for (int i = 1; i <= 3; i++) {
            double mid = Double.parseDouble(v.get(2).split(",")[i]);
            double end = Double.parseDouble(v.get(3).split(",")[i]);
            assertTrue(end < limit[i - 1] && end < mid, "ε-MSE at " + v.get(0).split(",")[i] + ": " + v);
        }

        List<Double> resumed = new ArrayList<>();
        Path other = tiny(data, val, dir.resolve("b"), resumed).optSeed(999).optBatch(3)
                .optResume(dir.resolve("a/checkpoints/step-000015.safetensors")).build().run();
        assertEquals(full.subList(15, 30), resumed, "the checkpoint's seed and batch win over the builder's");
        assertEquals(v.get(3), Files.readAllLines(dir.resolve("b/val.csv")).get(1), "same validation at step 30");

        try (NDManager m = NDManager.newBaseManager()) {
            DiffusionPrior prior = Priors.load(model, null, m);
            DiffusionPrior resumedPrior = Priors.load(other, null, m);
            assertEquals(16, prior.imageSize());
            assertEquals(2, prior.sizeMultiple());
            assertFalse(prior.learnsSigma());
            UNetModel ema = new UNetModel(TINY);
            StrictLoader.load(ema, Safetensors.read(dir.resolve("a/checkpoints/step-000030.safetensors")).sub("ema."),
                    m);
            NDArray x = m.randomNormal(new Shape(2, 3, 24, 32));
            NDArray t = m.create(new float[] {10, 700});
            float[] want = ema.forward(new ParameterStore(m, false), new NDList(x, t), false).singletonOrThrow()
                    .toFloatArray();
            assertArrayEquals(want, prior.epsilon(x, t).toFloatArray());
            assertArrayEquals(want, resumedPrior.epsilon(x, t).toFloatArray());
        }

        // same seed, same losses: a 2-step run has the same learning rate at steps 1 and 2 (warmup 2)
        List<Double> again = new ArrayList<>();
        tiny(data, null, dir.resolve("c"), again).optSteps(2).build().run();
        assertEquals(full.subList(0, 2), again);
    }

    @Test
    void theShippedConfigKeepsTheSamplingTilesOfTheInitModelAcrossAResume(@TempDir Path dir) throws Exception {
        Path data = TrainData.photos(dir.resolve("data"), 3, 1);
        Path first = tiny(data, null, dir.resolve("a"), new ArrayList<>()).optSteps(2).build().run();
        JsonObject config = JsonFiles.readObject(dir.resolve("a/model.json"), "prior config");
        assertFalse(config.has("tile"), "no tiles given, none written: " + config);
        config.addProperty("tile", 24);
        config.addProperty("tile_overlap", 8);
        Files.writeString(dir.resolve("a/model.json"), config.toString());

        tiny(data, null, dir.resolve("b"), new ArrayList<>()).optSteps(2).optCheckpointEvery(1).optInit(first)
                .build().run();
        // resumed without --init: the tiles come from the checkpoint's settings
        tiny(data, null, dir.resolve("c"), new ArrayList<>()).optSteps(2)
                .optResume(dir.resolve("b/checkpoints/step-000001.safetensors")).build().run();
        for (String run : List.of("b", "c")) {
            JsonObject shipped = JsonFiles.readObject(dir.resolve(run + "/model.json"), "prior config");
            assertEquals(24, shipped.get("tile").getAsInt(), run + ": " + shipped);
            assertEquals(8, shipped.get("tile_overlap").getAsInt(), run + ": " + shipped);
            assertEquals(TINY, AdmConfig.parse(shipped, dir.resolve(run + "/model.json")));
        }
    }

    @Test
    void emptyDataFolderIsAOneLineUserError(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        DadiffException e = assertThrows(DadiffException.class, () -> PriorTrainer.builder()
                .setData(List.of(empty)).setOutput(dir.resolve("out")).optConfig(TINY).build().run());
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void configFlagsRoundTrip() {
        for (AdmConfig c : List.of(TINY, PriorTrainer.compactConfig(), AdmConfig.uncond256())) {
            assertEquals(c, AdmConfig.parse(c.toJson(), Path.of("flags.json")));
        }
        assertTrue(TINY.attentionDownsampleFactors().isEmpty());
        assertEquals(1142083, new UNetModel(PriorTrainer.compactConfig()).stateDict().values().stream()
                .mapToLong(p -> p.getShape().size()).sum());
    }

    @Test
    void learnedVarianceIsRefused(@TempDir Path dir) {
        AdmConfig sigma = new AdmConfig(16, 32, 1, "1,2", true, false, false, "", 2, -1, -1, true, 0.0, false, false,
                false);
        DadiffException e = assertThrows(DadiffException.class, () -> PriorTrainer.builder()
                .setData(List.of(dir)).setOutput(dir.resolve("out")).optConfig(sigma).build());
        assertTrue(e.getMessage().contains("learn_sigma"), e.getMessage());
    }
}
