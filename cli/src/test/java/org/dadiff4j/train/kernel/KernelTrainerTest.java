package org.dadiff4j.train.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dadiff4j.data.PhotoFiles;
import org.dadiff4j.data.TrainingLoader;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.models.kernel.KernelEstimator;
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

    private static TrainingLoader.Builder data(Path dir) {
        Path photos = dir.resolve("photos");
        PhotoFiles.writePng(photo(160, 128, 1), photos.resolve("a.png"));
        PhotoFiles.writePng(photo(128, 160, 2), photos.resolve("b.png"));
        return TrainingLoader.builder().setImages(List.of(photos)).optCropSize(64).optScale(4).optWorkers(1);
    }

    @Test
    void lossFallsOnTinyCrops(@TempDir Path dir) {
        List<Float> losses = new ArrayList<>();
        KernelTrainer t = KernelTrainer.builder().setData(data(dir)).optSteps(30).optBatchSize(8)
                .optLearningRate(1e-3f).optSeed(3).optWidth(16).optOutput(dir.resolve("out")).optCheckpointEvery(20)
                .optListener(new KernelTrainer.Listener() {
                    @Override
                    public void onStep(KernelTrainer.StepReport r) {
                        losses.add(r.loss());
                    }
                }).build();
        try (NDManager m = NDManager.newBaseManager()) {
            t.train(m);
        }
        assertEquals(30, losses.size());
        double first = (losses.get(0) + losses.get(1) + losses.get(2) + losses.get(3) + losses.get(4)) / 5;
        double last = 0;
        for (int i = 25; i < 30; i++) {
            last += losses.get(i) / 5;
        }
        System.out.println("kernel L1 loss, first 5 steps " + first + ", last 5 steps " + last + ": " + losses);
        assertTrue(last < 0.75 * first, "L1 loss " + first + " -> " + last + ": " + losses);
        assertTrue(Files.exists(dir.resolve("out/kernel-estimator-step0000020.safetensors")));
        assertEquals(30, KernelTrainer.resumedStep(dir.resolve("out/kernel-estimator")));
        assertEquals(4, org.dadiff4j.weights.WeightsFile.load(dir.resolve("out/kernel-estimator")).config().get("scale")
                .getAsInt(), "the estimator's config records the scale of its pairs");
    }

    @Test
    void seededRunsRepeatAndResumeContinues(@TempDir Path dir) {
        List<Float> a = run(dir, 3, null, dir.resolve("a"));
        List<Float> b = run(dir, 3, null, dir.resolve("b"));
        assertEquals(a, b, "same seed, same losses");
        List<Float> c = run(dir, 5, dir.resolve("a/kernel-estimator"), dir.resolve("c"));
        assertEquals(2, c.size(), "a resumed run does only the remaining steps");
        assertEquals(5, KernelTrainer.resumedStep(dir.resolve("c/kernel-estimator")));
        // ... and does them as the unbroken run does (same weights, data and Adam moments):
        // the same losses and the same final weights, exactly.
        List<Float> d = run(dir, 5, null, dir.resolve("d"));
        assertEquals(a, d.subList(0, 3));
        assertEquals(d.subList(3, 5), c, "resumed steps 4-5 against the unbroken run's");
        Map<String, float[]> unbroken = weights(dir.resolve("d/kernel-estimator"));
        Map<String, float[]> resumed = weights(dir.resolve("c/kernel-estimator"));
        assertEquals(unbroken.keySet(), resumed.keySet());
        unbroken.forEach((k, v) -> assertArrayEquals(v, resumed.get(k), k));
        assertFalse(Arrays.equals(weights(dir.resolve("a/kernel-estimator")).get("head.weight"),
                unbroken.get("head.weight")), "steps 4-5 changed the weights");
    }

    private static Map<String, float[]> weights(Path base) {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager()) {
            KernelEstimator.load(base, m).stateDict().forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
        }
        return out;
    }

    private static List<Float> run(Path dir, int steps, Path resume, Path out) {
        List<Float> losses = new ArrayList<>();
        KernelTrainer t = KernelTrainer.builder().setData(data(dir)).optSteps(steps).optBatchSize(2).optWidth(4)
                .optSeed(5).optLoss(KernelTrainer.Loss.KL).optResume(resume).optOutput(out)
                .optListener(new KernelTrainer.Listener() {
                    @Override
                    public void onStep(KernelTrainer.StepReport r) {
                        losses.add(r.loss());
                    }
                }).build();
        try (NDManager m = NDManager.newBaseManager()) {
            t.train(m);
        }
        return losses;
    }
}
