package org.dadiff4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dadiff4j.DadiffException;
import org.dadiff4j.data.PhotoFiles;
import org.dadiff4j.degrade.DegradationPipeline;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.degrade.Recipe;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.compact.CompactModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DegradationTrainerTest {

    static final CompactConfig TINY = new CompactConfig(4, 8, 1, 8, 1, 4, false);

    /** A smooth random picture with some edges, so that both generators have something to learn. */
    static Planes picture(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Planes p = Planes.zeros(w, h, 3);
        double[][] f = new double[3][4];
        for (double[] row : f) {
            for (int i = 0; i < 4; i++) {
                row[i] = r.nextDouble();
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = 0.5 + 0.25 * Math.sin(0.3 * f[c][0] * x + 0.2 * f[c][1] * y)
                            + ((x / 12 + y / 12) % 2 == 0 ? 0.2 * f[c][2] : -0.2 * f[c][3]);
                    p.c[c][y * w + x] = (float) v;
                }
            }
        }
        return p;
    }

    static Path photos(Path dir, int count, long seed) {
        for (int i = 0; i < count; i++) {
            PhotoFiles.writePng(picture(96, 80, seed + i), dir.resolve("p" + i + ".png"));
        }
        return dir;
    }

    /** A fixed Gaussian blur (sigma 2.5) and bicubic x4: a systematic change both generators can learn quickly. */
    static DegradationPipeline fixedBlur() {
        Recipe r = Recipe.defaults();
        r.second = null;
        r.first.resize = null;
        r.first.noise = null;
        r.first.jpeg = null;
        r.first.blur.kernels = new String[] {"iso"};
        r.first.blur.kernelProbs = new double[] {1};
        r.first.blur.sigma = new double[] {2.5, 2.5};
        r.first.blur.sincProb = 0;
        r.finalStep.modes = new String[] {"bicubic"};
        r.finalStep.sincProb = 0;
        r.finalStep.jpeg = null;
        return DegradationPipeline.fromRecipe(r);
    }

    private static DegradationTrainer.Builder tiny(Path data, Path val, Path out, List<Double> losses) {
        return DegradationTrainer.builder().setData(List.of(data)).optValidation(val).optValidationCount(2)
                .setOutput(out).optConfig(TINY).optCrop(32).optBatch(2).optSteps(30).optLearningRate(3e-3)
                .optSeed(11).optWarmup(1).optPipeline(fixedBlur()).optCheckpointEvery(15).optValidateEvery(15)
                .optListener(new TrainListener() {
                    @Override
                    public void stepDone(StepStats s) {
                        losses.add(s.loss());
                    }
                });
    }

    @Test
    void lossFallsAndResumeRepeatsTheRun(@TempDir Path dir) throws Exception {
        Path data = photos(dir.resolve("data"), 3, 1);
        Path val = photos(dir.resolve("val"), 1, 100);
        List<Double> full = new ArrayList<>();
        Path model = tiny(data, val, dir.resolve("a"), full).build().run();
        assertEquals(30, full.size());
        double first = full.subList(0, 5).stream().mapToDouble(d -> d).average().orElseThrow();
        double last = full.subList(25, 30).stream().mapToDouble(d -> d).average().orElseThrow();
        assertTrue(last < first, "loss should fall: first five " + first + ", last five " + last + " " + full);

        assertTrue(Files.isRegularFile(dir.resolve("a/checkpoints/step-000015.safetensors")));
        assertEquals(31, Files.readAllLines(dir.resolve("a/loss.csv")).size());
        List<String> v = Files.readAllLines(dir.resolve("a/val.csv"));
        assertEquals(List.of("step", "0", "15", "30"), v.stream().map(l -> l.split(",")[0]).toList());
        String[] before = v.get(1).split(",");
        String[] after = v.get(3).split(",");
        for (int i = 1; i <= 2; i++) {
            assertTrue(Double.parseDouble(after[i]) > Double.parseDouble(before[i]) + 0.2,
                    "validation PSNR should rise: " + v);
        }

        List<Double> resumed = new ArrayList<>();
        Path other = tiny(data, val, dir.resolve("b"), resumed).optSeed(999).optBatch(5)
                .optResume(dir.resolve("a/checkpoints/step-000015.safetensors")).build().run();
        assertEquals(full.subList(15, 30), resumed, "the checkpoint's seed and batch win over the builder's");
        try (CompactModel a = CompactModel.load(model); CompactModel b = CompactModel.load(other)) {
            Map<String, Parameter> pb = b.net().stateDict();
            for (Map.Entry<String, Parameter> e : a.net().stateDict().entrySet()) {
                assertArrayEquals(e.getValue().getArray().toFloatArray(), pb.get(e.getKey()).getArray().toFloatArray(),
                        e.getKey());
            }
        }

        // same seed, same losses: a 2-step run has the same learning rate at step 1 (warmup 1)
        List<Double> again = new ArrayList<>();
        tiny(data, val, dir.resolve("c"), again).optSteps(2).build().run();
        assertEquals(full.subList(0, 2), again);
    }

    @Test
    void emptyDataFolderIsAOneLineUserError(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        DadiffException e = assertThrows(DadiffException.class, () -> DegradationTrainer.builder()
                .setData(List.of(empty)).setOutput(dir.resolve("out")).optConfig(TINY).optCrop(32).build().run());
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
