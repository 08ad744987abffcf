package org.dadiff4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.compact.CompactModel;
import org.dadiff4j.models.compact.Resampling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DegradationTrainerTest {

    static final CompactConfig TINY = new CompactConfig(4, 8, 1, 8, 1, 4, false, true);

    private static DegradationTrainer.Builder tiny(Path data, Path val, Path out, List<Double> losses) {
        return DegradationTrainer.builder().setData(List.of(data)).optValidation(val).optValidationCount(2)
                .setOutput(out).optConfig(TINY).optCrop(32).optBatch(2).optSteps(30).optLearningRate(3e-3)
                .optSeed(11).optWarmup(1).optPipeline(TrainData.fixedBlur())
                .optCheckpointEvery(15).optValidateEvery(15)
                .optListener(new TrainListener() {
                    @Override
                    public void stepDone(StepStats s) {
                        losses.add(s.loss());
                    }
                });
    }

    @Test
    void lossFallsAndResumeRepeatsTheRun(@TempDir Path dir) throws Exception {
        Path data = TrainData.photos(dir.resolve("data"), 3, 1);
        Path val = TrainData.photos(dir.resolve("val"), 1, 100);
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

        gdLearnsTheKnownBlur(model);

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

    /**
     * The training pairs were made with one known degradation (Gaussian blur sigma 2.5, bicubic x4,
     * {@link TrainData#fixedBlur}). On a picture it never saw, Gd must come closer to that
     * degradation than the area downscale it starts from (Gd = areaDown(x) + learned residual).
     */
    private static void gdLearnsTheKnownBlur(Path model) {
        Planes hr = TrainData.picture(96, 80, 500);
        Planes lr = TrainData.fixedBlur().apply(hr, 4, 1).lr;
        try (CompactModel gd = CompactModel.load(model); NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(chw(hr), new Shape(1, 3, hr.height, hr.width));
            NDArray y = m.create(chw(lr), new Shape(1, 3, lr.height, lr.width));
            double area = psnr(Resampling.areaDown(x, 4), y);
            double learned;
            try (DegradationAwareModel.Representation r = gd.encode(y)) {
                learned = psnr(gd.degrade(x, r), y);
            }
            System.out.printf("Gd against the known blur: %.2f dB (area downscale %.2f dB)%n", learned, area);
            assertTrue(learned > area + 0.5, "Gd " + learned + " dB vs area downscale " + area + " dB");
        }
    }

    private static float[] chw(Planes p) {
        float[] out = new float[3 * p.width * p.height];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(p.c[c], 0, out, c * p.width * p.height, p.width * p.height);
        }
        return out;
    }

    private static double psnr(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        assertEquals(y.length, x.length);
        double se = 0;
        for (int i = 0; i < x.length; i++) {
            se += (x[i] - y[i]) * (double) (x[i] - y[i]);
        }
        return 10 * Math.log10(x.length / se);
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
