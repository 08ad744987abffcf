package org.dadiff4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.dadiff4j.models.adm.AdmConfig;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.weights.Safetensors;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.WeightsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints written by the trainers before the shared loop (commit 6962982; see
 * {@code resources/org/dadiff4j/train/legacy/README.md}) are read and resumed by the current code
 * to the old run's numbers, and the current code writes the same format (tensor names, metadata),
 * so that long runs started with the old code continue.
 */
class LegacyCheckpointTest {

    private static final String RES = "/org/dadiff4j/train/legacy/";
    /** The old numbers were made on another build; across CPUs the float sums may differ in the last bits. */
    private static final double TOLERANCE = 1e-4;
    private static final AdmConfig PRIOR = new AdmConfig(8, 32, 1, "1", false, false, false, "", 1, -1, -1, true, 0.0,
            false, false, false);

    private static final class Recorder implements TrainListener {
        final List<StepStats> steps = new ArrayList<>();

        @Override
        public void stepDone(StepStats s) {
            steps.add(s);
        }
    }

    /** The old code's model: mean pooling, and no loss on E's reading (the settings absent from its checkpoints). */
    private static final CompactConfig OLD_TINY = new CompactConfig(4, 8, 1, 8, 1, 4, false, true, false);

    private static DegradationTrainer.Builder degradation(Path data, Path out, Recorder r) {
        return DegradationTrainer.builder().setData(List.of(data)).setOutput(out).optConfig(OLD_TINY).optReadWeight(0)
                .optCrop(32).optBatch(2).optSteps(4).optLearningRate(3e-3).optWarmup(1).optSeed(11)
                .optCheckpointEvery(2).optPipeline(TrainData.fixedBlur()).optListener(r);
    }

    private static PriorTrainer.Builder prior(Path data, Path out, Recorder r) {
        return PriorTrainer.builder().setData(List.of(data)).setOutput(out).optConfig(PRIOR).optBatch(2).optSteps(4)
                .optLearningRate(2e-3).optWarmup(1).optSeed(7).optTimestepFocus(300, 0.5).optCheckpointEvery(2)
                .optListener(r);
    }

    @Test
    void oldDegradationCheckpointResumesToTheOldNumbers(@TempDir Path dir) throws IOException {
        Path data = TrainData.photos(Files.createDirectories(dir.resolve("photos")), 2, 41);
        Path old = copy("degradation-step-000002.safetensors", dir.resolve("old.safetensors"));
        Recorder resumed = new Recorder();
        Path shipped = degradation(data, dir.resolve("resumed"), resumed).optResume(old).build().run();
        closeTo(oldSteps("degradation-losses.txt").subList(2, 4), resumed.steps, "degradation, resumed");
        Path oldModel = copy("degradation-model-step4.safetensors", dir.resolve("old-model.safetensors"));
        StateDict want = Safetensors.read(oldModel);
        StateDict got = Safetensors.read(WeightsFile.weightsPath(shipped));
        assertEquals(want.keys(), got.keys());
        double worst = 0;
        for (String k : want.keys()) {
            float[] a = want.require(k).toFloats();
            float[] b = got.require(k).toFloats();
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
        }
        System.out.println("degradation: old and resumed EMA weights after step 4 differ by at most " + worst);
        assertTrue(worst < TOLERANCE, "EMA weights after step 4 differ by " + worst);

        Recorder fresh = new Recorder();
        degradation(data, dir.resolve("new"), fresh).build().run();
        closeTo(oldSteps("degradation-losses.txt"), fresh.steps, "degradation, new run");
        sameFormat(old, dir.resolve("new/checkpoints/step-000002.safetensors"), "readWeight", "pooling", "cues");
    }

    @Test
    void oldPriorCheckpointResumesToTheOldNumbers(@TempDir Path dir) throws IOException {
        Path data = TrainData.photos(Files.createDirectories(dir.resolve("photos")), 2, 41);
        Recorder fresh = new Recorder();
        prior(data, dir.resolve("new"), fresh).build().run();
        closeTo(oldSteps("prior-losses.txt"), fresh.steps, "prior, new run");
        Path step2 = dir.resolve("new/checkpoints/step-000002.safetensors");
        assertEquals(new TreeSet<>(List.of(resource("prior-tensors.txt").split("\n"))),
                new TreeSet<>(Safetensors.read(step2).keys()), "tensor names of a prior checkpoint");
        String oldMeta = resource("prior-step-000002.json").strip();
        assertEquals(JsonParser.parseString(oldMeta), JsonParser.parseString(
                Safetensors.metadata(step2).get("dadiff.checkpoint")), "metadata of a prior checkpoint");

        // The old checkpoint's tensors are too big to keep; its metadata is put on the new tensors.
        Path old = dir.resolve("old.safetensors");
        Safetensors.write(old, Safetensors.read(step2), Map.of("dadiff.checkpoint", oldMeta), DataType.FLOAT32);
        Recorder resumed = new Recorder();
        prior(data, dir.resolve("resumed"), resumed).optResume(old).build().run();
        assertEquals(fresh.steps.subList(2, 4), resumed.steps, "prior: resumed steps 3-4");
        closeTo(oldSteps("prior-losses.txt").subList(2, 4), resumed.steps, "prior, resumed");
        assertEquals(-1, Files.mismatch(dir.resolve("new/checkpoints/step-000004.safetensors"),
                dir.resolve("resumed/checkpoints/step-000004.safetensors")), "prior: final checkpoints");
    }

    /**
     * Same tensor names and the same metadata (kind, step, next sample, settings), but for the settings
     * {@code added} since, which the old checkpoint lacks (and which then take their old values).
     */
    private static void sameFormat(Path old, Path now, String... added) {
        assertEquals(new TreeSet<>(Safetensors.read(old).keys()), new TreeSet<>(Safetensors.read(now).keys()),
                "tensor names");
        com.google.gson.JsonObject meta = JsonParser.parseString(Safetensors.metadata(now).get("dadiff.checkpoint"))
                .getAsJsonObject();
        for (String key : added) {
            assertTrue(strip(meta, key), key + " in the new metadata");
        }
        assertEquals(JsonParser.parseString(Safetensors.metadata(old).get("dadiff.checkpoint")), meta, "metadata");
    }

    /** Removes {@code key} wherever it occurs in {@code o}; whether it did. */
    private static boolean strip(com.google.gson.JsonObject o, String key) {
        boolean found = o.remove(key) != null;
        for (Map.Entry<String, com.google.gson.JsonElement> e : o.entrySet()) {
            if (e.getValue().isJsonObject()) {
                found |= strip(e.getValue().getAsJsonObject(), key);
            }
        }
        return found;
    }

    /** The old run's step, loss and gradient norm per line. */
    private static List<double[]> oldSteps(String name) throws IOException {
        List<double[]> rows = new ArrayList<>();
        for (String line : resource(name).strip().split("\n")) {
            String[] f = line.split(",");
            rows.add(new double[] {Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
        return rows;
    }

    private static void closeTo(List<double[]> want, List<TrainListener.StepStats> got, String what) {
        assertEquals(want.size(), got.size(), what);
        double worst = 0;
        for (int i = 0; i < want.size(); i++) {
            TrainListener.StepStats s = got.get(i);
            assertEquals((long) want.get(i)[0], s.step(), what);
            worst = Math.max(worst, Math.abs(s.loss() - want.get(i)[1]) / Math.abs(want.get(i)[1]));
            worst = Math.max(worst, Math.abs(s.gradNorm() - want.get(i)[2]) / Math.abs(want.get(i)[2]));
        }
        System.out.println(what + ": largest relative difference from the old code's losses and norms " + worst);
        assertTrue(worst < TOLERANCE, what + ": relative difference " + worst);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LegacyCheckpointTest.class.getResourceAsStream(RES + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path copy(String name, Path to) throws IOException {
        try (InputStream in = LegacyCheckpointTest.class.getResourceAsStream(RES + name)) {
            Files.copy(in, to);
        }
        return to;
    }
}
