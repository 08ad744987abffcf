package org.dadiff4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.TestImages;
import org.dadiff4j.models.kernel.KernelEstimator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dadiff train kernel}: a short run leaves a loadable estimator; no photos, or a validation set without kernels, is a one-line error. */
class TrainKernelCommandTest {

    @TempDir Path dir;

    @Test
    void shortRunWritesTheEstimator() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        ImageFiles.write(TestImages.quantisedNoise(96, 80, 3, false, 8, 1), photos.resolve("a.png"));
        Path out = dir.resolve("run");
        CliTestSupport.Result r = CliTestSupport.run("train", "kernel", "--data", photos.toString(), "--output",
                out.toString(), "--steps", "3", "--batch", "2", "--crop", "64", "--width", "8", "--checkpoint-every", "3");
        assertEquals(0, r.code, r.toString());
        assertTrue(Files.isRegularFile(out.resolve("kernel-estimator.safetensors")));
        assertTrue(Files.isRegularFile(out.resolve("kernel-estimator.json")));
        // What it wrote loads strictly, as the options asked, and estimates a kernel.
        try (NDManager m = NDManager.newBaseManager()) {
            KernelEstimator e = KernelEstimator.load(out.resolve("kernel-estimator"), m);
            assertEquals(8, e.width());
            assertEquals(4, e.scale());
            NDArray k = e.estimate(m.randomUniform(0f, 1f, new Shape(1, 3, 24, 24)));
            assertEquals(new Shape(1, e.kernelSize(), e.kernelSize()), k.getShape());
            double sum = 0;
            for (float v : k.toFloatArray()) {
                assertTrue(v >= 0 && Float.isFinite(v), "kernel value " + v);
                sum += v;
            }
            assertEquals(1.0, sum, 1e-4);
        }
    }

    @Test
    void validationWithoutKernelsIsAOneLineError() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        ImageFiles.write(TestImages.quantisedNoise(96, 80, 3, false, 8, 1), photos.resolve("a.png"));
        CliTestSupport.Result r = CliTestSupport.run("train", "kernel", "--data", photos.toString(), "--output",
                dir.resolve("o").toString(), "--steps", "2", "--batch", "2", "--crop", "64", "--width", "8",
                "--val", photos.toString());
        assertEquals(2, r.code, r.toString());
        assertTrue(r.err.trim().split("\n").length == 1 && r.err.contains(photos.getFileName().toString())
                && r.err.contains("dadiff dataset build --kernels"), r.err);
    }

    @Test
    void emptyFolderIsAOneLineError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliTestSupport.Result r = CliTestSupport.run("train", "kernel", "--data", empty.toString(), "--output",
                dir.resolve("o").toString());
        assertEquals(2, r.code, r.toString());
        assertTrue(r.err.trim().split("\n").length == 1 && r.err.contains("no photos"), r.err);
    }
}
