package org.dadiff4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;
import org.dadiff4j.image.TestImages;
import org.dadiff4j.pipeline.OutputPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM in the middle of a batch, as a service manager or {@code kill} sends it, to the CLI in a
 * child JVM: it exits at once, leaves no half-written output and no temporary file, and a rerun
 * finishes the batch without redoing what was done (docs/reliability.md).
 */
@EnabledOnOs(OS.LINUX)
class TerminationTest {

    private static final int IMAGES = 12;
    private static final int SIDE = 64;

    @TempDir Path dir;

    @Test
    void sigtermMidBatchExitsPromptlyAndARerunCompletesTheBatch() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path out = dir.resolve("out");
        for (int i = 0; i < IMAGES; i++) {
            ImageFiles.write(TestImages.quantisedNoise(SIDE, SIDE, 3, false, 8, i), in.resolve(String.format("p%03d.png", i)));
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "upscale", in.toString(), "-o", out.toString(), "--method", "bicubic")
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (child.isAlive() && completeOutputs(out).size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(child.isAlive(), "the batch ended before the signal (make it longer): " + log());
        assertTrue(completeOutputs(out).size() >= 3, "no progress in 60 s: " + log());

        long t0 = System.nanoTime();
        child.destroy(); // SIGTERM
        assertTrue(child.waitFor(10, TimeUnit.SECONDS), "still running 10 s after SIGTERM");
        double exitMs = (System.nanoTime() - t0) / 1e6;
        assertEquals(128 + 15, child.exitValue(), log());
        assertTrue(exitMs < 5000, "took " + exitMs + " ms to exit");

        // nothing temporary, nothing half-written: every image under its final name is whole
        List<String> names;
        try (Stream<Path> s = Files.list(out)) {
            names = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        assertTrue(names.stream().noneMatch(n -> n.startsWith(".")), "left behind: " + names);
        Map<Path, Object> done = completeOutputs(out);
        assertTrue(done.size() < IMAGES, "all done before the signal: " + done.size());
        for (String n : names) {
            if (n.endsWith(".png")) {
                Picture p = ImageFiles.read(out.resolve(n));
                assertEquals(4 * SIDE, p.width(), n);
                assertEquals(4 * SIDE, p.height(), n);
            }
        }

        // the rerun finishes the batch, and leaves the complete pairs of the first run alone
        CliTestSupport.Result r = CliTestSupport.run("upscale", in.toString(), "-o", out.toString(), "--method", "bicubic");
        assertEquals(0, r.code, r.toString());
        Map<Path, Object> all = completeOutputs(out);
        assertEquals(IMAGES, all.size(), r.toString());
        for (Map.Entry<Path, Object> e : done.entrySet()) {
            assertEquals(e.getValue(), all.get(e.getKey()), "redone after resume: " + e.getKey());
        }
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(2 * IMAGES, s.count(), "an image and a sidecar per input, nothing else");
        }
    }

    /** The outputs that are complete pairs, each with its file key and modification time. */
    private static Map<Path, Object> completeOutputs(Path out) throws IOException {
        Map<Path, Object> done = new TreeMap<>();
        if (!Files.isDirectory(out)) {
            return done;
        }
        List<Path> images = new ArrayList<>();
        try (Stream<Path> s = Files.list(out)) {
            s.filter(p -> p.getFileName().toString().endsWith(".png")).forEach(images::add);
        }
        for (Path p : images) {
            if (OutputPair.isComplete(p)) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                done.put(p, a.fileKey() + "@" + a.lastModifiedTime());
            }
        }
        return done;
    }

    private String log() throws IOException {
        return "stdout: " + Files.readString(dir.resolve("stdout.txt")) + "\nstderr: "
                + Files.readString(dir.resolve("stderr.txt"));
    }
}
