package org.dadiff4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dadiff4j.AtomicFile;
import org.dadiff4j.DadiffException;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;
import org.dadiff4j.image.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs as pairs, stale temporary files, and non-finite results (issue #20, cases 2, 3 and 9). */
class OutputPairTest {

    @TempDir Path dir;

    private static byte[] sidecar(String output) {
        return ("{\"output\": \"" + output + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyAnImageWithItsOwnSidecarIsComplete() throws Exception {
        Path image = Files.write(dir.resolve("a_x4.png"), new byte[] {1});
        assertFalse(OutputPair.isComplete(image), "no sidecar");
        Files.write(OutputPair.sidecarOf(image), sidecar("b_x4.png"));
        assertFalse(OutputPair.isComplete(image), "another image's sidecar");
        Files.write(OutputPair.sidecarOf(image), "{\"output\": \"a_x4.png\"".getBytes(StandardCharsets.UTF_8));
        assertFalse(OutputPair.isComplete(image), "a cut sidecar");
        Files.write(OutputPair.sidecarOf(image), sidecar("a_x4.png"));
        assertTrue(OutputPair.isComplete(image));
        Files.delete(image);
        assertFalse(OutputPair.isComplete(image), "a sidecar alone");
    }

    @Test
    void aCommitReplacesBothAndLeavesNoTemporaryFile() throws Exception {
        Path image = dir.resolve("a_x4.png");
        Files.write(image, new byte[] {1});
        Files.write(OutputPair.sidecarOf(image), sidecar("a_x4.png"));
        try (AtomicFile.Staged staged = AtomicFile.stage(image, out -> out.write(new byte[] {2, 2}))) {
            assertEquals(1, Files.size(image), "nothing visible before the commit");
            OutputPair.commit(staged, image, "{\"output\": \"a_x4.png\", \"new\": true}".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(2, Files.size(image));
        assertTrue(Files.readString(OutputPair.sidecarOf(image)).contains("new"));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("a_x4.png", "a_x4.png.json"),
                    s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
    }

    @Test
    void aFailedImageRenameLeavesTheOldImageWithoutASidecarSoItIsRedone() throws Exception {
        Path image = dir.resolve("a_x4.png");
        Files.write(image, new byte[] {1});
        Files.write(OutputPair.sidecarOf(image), sidecar("a_x4.png"));
        AtomicFile.Staged staged = AtomicFile.stage(image, out -> out.write(new byte[] {2, 2}));
        staged.close(); // its temporary file is gone, as after a full disk: the rename fails
        assertThrows(DadiffException.class, () -> OutputPair.commit(staged, image, sidecar("a_x4.png")));
        assertFalse(OutputPair.isComplete(image), "an old image never passes for the new one");
    }

    @Test
    void temporaryFilesAreStaleOnlyWhenTheirProcessIsGone() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertTrue(AtomicFile.isStale(dir.resolve(".a_x4.png." + p.pid() + "-8812.tmp")));
        assertFalse(AtomicFile.isStale(dir.resolve(".a_x4.png." + ProcessHandle.current().pid() + "-8812.tmp")));
        assertFalse(AtomicFile.isStale(dir.resolve(".a_x4.png.1-8812.tmp")));
        assertFalse(AtomicFile.isStale(dir.resolve("a_x4.png")));
        Path old = Files.write(dir.resolve(".a_x4.png.12345678.tmp"), new byte[1]); // before PIDs were recorded
        assertFalse(AtomicFile.isStale(old), "a recent one may be a running write of an older version");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 2 * 86_400_000L));
        assertTrue(AtomicFile.isStale(old));
        assertEquals(List.of(old), OutputFolder.cleanStale(dir));
        assertFalse(Files.exists(old));
    }

    @Test
    void aNetworkOutputWithANanIsAFailure() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ok = m.create(new float[] {0f, 1f, -3f});
            NonFiniteResult.check(ok, "restoration network Gr");
            NDArray nan = m.create(new float[] {0f, Float.NaN, 1f});
            DadiffException e = assertThrows(NonFiniteResult.class, () -> NonFiniteResult.check(nan, "restoration network Gr"));
            assertEquals("the restoration network Gr produced NaN or infinite values", e.getMessage());
            NDArray inf = m.create(new float[] {Float.NEGATIVE_INFINITY});
            assertThrows(NonFiniteResult.class, () -> NonFiniteResult.check(inf, "diffusion prior"));
        }
    }

    /** An upscaler whose result holds a NaN, as a model with broken weights or an overflow gives. */
    private static final class NanUpscaler implements Upscaler {
        @Override
        public int scale() {
            return 2;
        }

        @Override
        public Picture upscale(Picture lr, long seed, ProgressListener progress) {
            float[][] planes = new float[3][lr.width() * lr.height() * 4];
            planes[1][5] = Float.NaN;
            return lr.withColor(planes, lr.width() * 2, lr.height() * 2);
        }
    }

    @Test
    void aResultWithANanIsReportedAsFailedAndNothingIsWritten() throws Exception {
        Path in = dir.resolve("in.png");
        ImageFiles.write(TestImages.quantisedNoise(8, 8, 3, false, 8, 1), in);
        Path out = dir.resolve("out");
        BatchRunner runner = BatchRunner.builder().setUpscaler(new NanUpscaler()).setOutputDir(out)
                .optModels(Map.of("models/broken.safetensors", "00")).build();
        BatchRunner.Report r = runner.run(List.of(new Inputs.Item(in, "in")));
        assertEquals(List.of(), r.written);
        assertEquals(1, r.failed.size());
        String line = r.failed.get(0);
        assertTrue(line.startsWith(in + ": the result holds NaN or infinite values"), line);
        assertTrue(line.contains("models/broken.safetensors"), line);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(0, s.count(), "no image, no sidecar, no temporary file");
        }
    }
}
