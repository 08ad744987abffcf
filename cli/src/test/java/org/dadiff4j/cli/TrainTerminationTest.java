package org.dadiff4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dadiff4j.train.TrainData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to {@code dadiff train} in a child JVM, as {@code kill} or a service manager sends it: the
 * run stops after the step under way on a checkpoint of that step, exits normally (no native crash,
 * no hs_err file), and the checkpoint resumes (docs/reliability.md).
 */
@EnabledOnOs(OS.LINUX)
class TrainTerminationTest {

    @TempDir Path dir;

    @Test
    void sigtermStopsTrainingOnACheckpointOfTheLastStep() throws Exception {
        Path photos = TrainData.photos(Files.createDirectories(dir.resolve("photos")), 2, 5);
        Path out = dir.resolve("run");
        List<String> train = List.of("train", "degradation", "--data", photos.toString(), "--batch", "1",
                "--crop", "32", "--checkpoint-every", "100000", "--output", out.toString());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--threads", "1"));
        command.addAll(train);
        command.addAll(List.of("--steps", "100000"));
        Process child = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        Path losses = out.resolve("loss.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // loss.csv is written at checkpoints; the progress bar on stderr shows the steps as they go
        while (child.isAlive() && shownStep() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!child.isAlive() || shownStep() < 5) {
            child.destroyForcibly();
            throw new AssertionError("no training in 120 s: " + log());
        }

        child.destroy(); // SIGTERM
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("still running 60 s after SIGTERM: " + log());
        }
        assertEquals(0, child.exitValue(), log());
        long last = steps(losses);
        Path checkpoint = out.resolve(String.format("checkpoints/step-%06d.safetensors", last));
        assertTrue(Files.isRegularFile(checkpoint), "no checkpoint of the last logged step " + last + ": " + log());
        assertTrue(Files.readString(dir.resolve("stdout.txt")).contains("--resume " + checkpoint), log());
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("hs_err")), "the JVM crashed: " + log());
        }

        List<String> resume = new ArrayList<>(train);
        resume.addAll(List.of("--resume", checkpoint.toString(), "--steps", Long.toString(last + 2)));
        CliTestSupport.Result r = CliTestSupport.run(resume.toArray(new String[0]));
        assertEquals(0, r.code, r.toString());
        assertEquals(last + 2, steps(losses), "the resumed run logs two more steps");
    }

    /** The highest step the progress bar has shown. */
    private long shownStep() throws IOException {
        Path err = dir.resolve("stderr.txt");
        Matcher m = STEP.matcher(Files.exists(err) ? Files.readString(err) : "");
        long step = 0;
        while (m.find()) {
            step = Math.max(step, Long.parseLong(m.group(1)));
        }
        return step;
    }

    private static final Pattern STEP = Pattern.compile("(\\d+)/100000 it");

    /** Steps logged in loss.csv so far (its lines less the header). */
    private static long steps(Path losses) throws IOException {
        if (!Files.isRegularFile(losses)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(losses)) {
            return Math.max(0, lines.count() - 1);
        }
    }

    private String log() throws IOException {
        return "stdout: " + tail(dir.resolve("stdout.txt")) + "\nstderr: " + tail(dir.resolve("stderr.txt"));
    }

    private static String tail(Path p) throws IOException {
        String s = Files.exists(p) ? Files.readString(p) : "";
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }
}
