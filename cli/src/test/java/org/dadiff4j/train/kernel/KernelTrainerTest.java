package org.dadiff4j.train.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dadiff4j.DadiffException;
import org.dadiff4j.data.DatasetBuilder;
import org.dadiff4j.data.PhotoFiles;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.models.kernel.KernelEstimator;
import org.dadiff4j.train.KernelTrainer;
import org.dadiff4j.train.TrainListener;
import org.dadiff4j.weights.Npy;
import org.dadiff4j.weights.WeightsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelTrainerTest {

    /** Random rectangles of random colours over noise: plenty of edges for blur to show on. */
    static Planes photo(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Planes p = Planes.zeros(w, h, 3);
        for (float[] c : p.c) {
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) (0.4 + 0.1 * r.nextDouble());
            }
        }
        for (int n = 0; n < 60; n++) {
            int x0 = r.nextInt(w);
            int y0 = r.nextInt(h);
            int x1 = Math.min(w, x0 + 4 + r.nextInt(40));
            int y1 = Math.min(h, y0 + 4 + r.nextInt(40));
            for (float[] c : p.c) {
                float v = (float) r.nextDouble();
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        c[y * w + x] = v;
                    }
                }
            }
        }
        return p;
    }

    private static KernelTrainer.Builder data(Path dir) {
        Path photos = dir.resolve("photos");
        PhotoFiles.writePng(photo(160, 128, 1), photos.resolve("a.png"));
        PhotoFiles.writePng(photo(128, 160, 2), photos.resolve("b.png"));
        return KernelTrainer.builder().setData(List.of(photos)).optCrop(64).optScale(4);
    }

    @Test
    void lossFallsOnTinyCrops(@TempDir Path dir) {
        List<Double> losses = new ArrayList<>();
        KernelTrainer t = data(dir).optSteps(30).optBatch(8)
                .optLearningRate(1e-3f).optSeed(3).optWidth(16).setOutput(dir.resolve("out")).optCheckpointEvery(20)
                .optListener(new TrainListener() {
                    @Override
                    public void stepDone(StepStats r) {
                        losses.add(r.loss());
                    }
                }).build();
        t.run();
        assertEquals(30, losses.size());
        double first = (losses.get(0) + losses.get(1) + losses.get(2) + losses.get(3) + losses.get(4)) / 5;
        double last = 0;
        for (int i = 25; i < 30; i++) {
            last += losses.get(i) / 5;
        }
        System.out.println("kernel L1 loss, first 5 steps " + first + ", last 5 steps " + last + ": " + losses);
        assertTrue(last < 0.75 * first, "L1 loss " + first + " -> " + last + ": " + losses);
        assertTrue(Files.exists(dir.resolve("out/checkpoints/step-000020.safetensors")));
        assertEquals(30, WeightsFile.load(dir.resolve("out/kernel-estimator")).config()
                .getAsJsonObject("training").get("step").getAsInt());
        assertEquals(4, WeightsFile.load(dir.resolve("out/kernel-estimator")).config().get("scale")
                .getAsInt(), "the estimator's config records the scale of its pairs");
    }

    @Test
    void seededRunsRepeatAndResumeContinues(@TempDir Path dir) {
        List<Double> a = run(dir, 3, null, dir.resolve("a"));
        List<Double> b = run(dir, 3, null, dir.resolve("b"));
        assertEquals(a, b, "same seed, same losses");
        List<Double> c = run(dir, 5, dir.resolve("a/checkpoints/step-000003.safetensors"), dir.resolve("c"));
        assertEquals(2, c.size(), "a resumed run does only the remaining steps");
        assertEquals(5, WeightsFile.load(dir.resolve("c/kernel-estimator")).config()
                .getAsJsonObject("training").get("step").getAsInt());
    }

    @Test
    void validatesOnASetWithRecordedKernels(@TempDir Path dir) throws Exception {
        Path photos = dir.resolve("held-out");
        PhotoFiles.writePng(photo(128, 128, 7), photos.resolve("c.png"));
        PhotoFiles.writePng(photo(128, 128, 8), photos.resolve("d.png"));
        Path set = dir.resolve("set");
        DatasetBuilder.builder().setSources(List.of(photos)).setOutput(set).optCropSize(64)
                .optScales(4).optSeed(11).optWriteKernels(true).build().build();
        Path out = dir.resolve("out");
        data(dir).optSteps(20).optBatch(8).optLearningRate(1e-3f).optSeed(3).optWidth(16).setOutput(out)
                .optCheckpointEvery(20).optValidation(set).optValidateEvery(10).build().run();

        List<String> rows = Files.readAllLines(out.resolve("val.csv"));
        assertEquals(List.of("step,kernel_l1", "0", "10", "20"), rows.stream().map(r -> r.startsWith("step") ? r
                : r.substring(0, r.indexOf(','))).toList());
        double first = Double.parseDouble(rows.get(1).split(",")[1]);
        double last = Double.parseDouble(rows.get(3).split(",")[1]);
        assertTrue(first > 0 && first <= 2.5 && last > 0 && last <= 2.5, rows.toString());

        // The last row is the shipped estimator's error, computed here from the files themselves.
        double expected = 0;
        int n = 0;
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            var estimator = KernelEstimator.load(out.resolve("kernel-estimator"), m);
            try (var lrs = Files.list(set.resolve("LR/x4"))) {
                for (Path lr : lrs.sorted().toList()) {
                    String name = lr.getFileName().toString().replace(".png", ".npy");
                    float[] truth = Npy.read(set.resolve("kernels/x4").resolve(name)).toFloats();
                    float[] est = estimator.estimate(PhotoFiles.read(lr), m).w;
                    for (int i = 0; i < truth.length; i++) {
                        expected += Math.abs(est[i] - truth[i]);
                    }
                    n++;
                }
            }
        }
        assertTrue(n >= 2, "the set holds " + n + " crops");
        assertEquals(expected / n, last, 1e-4, "val.csv's last row against the shipped estimator");
    }

    @Test
    void refusesAValidationSetWithoutKernels(@TempDir Path dir) {
        Path photos = dir.resolve("held-out");
        PhotoFiles.writePng(photo(128, 128, 7), photos.resolve("c.png"));
        var e = assertThrows(DadiffException.class, () -> data(dir)
                .optSteps(2).optBatch(2).optWidth(4).setOutput(dir.resolve("out")).optValidation(photos).build().run());
        assertTrue(e.getMessage().contains("--kernels"), e.getMessage());
    }

    private static List<Double> run(Path dir, int steps, Path resume, Path out) {
        List<Double> losses = new ArrayList<>();
        KernelTrainer t = data(dir).optSteps(steps).optBatch(2).optWidth(4)
                .optSeed(5).optLoss(KernelTrainer.Loss.KL).optResume(resume).setOutput(out)
                .optListener(new TrainListener() {
                    @Override
                    public void stepDone(StepStats r) {
                        losses.add(r.loss());
                    }
                }).build();
        t.run();
        return losses;
    }
}
