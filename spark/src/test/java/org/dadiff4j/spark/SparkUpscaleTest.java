package org.dadiff4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dadiff4j.DadiffException;
import org.dadiff4j.cli.Main;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Spark job on {@code local[2]} (with one retry per task, {@code local[2,2]}), tiny images,
 * two steps, the embedded models. One session and one first run are shared by the tests.
 */
class SparkUpscaleTest {

    @TempDir static Path dir;
    static SparkSession spark;
    static Path in;
    static Path firstOut;
    static Summary first;
    static final AtomicInteger failedTasks = new AtomicInteger();
    static final AtomicInteger jobsStarted = new AtomicInteger();
    /** Upscalers the first run built in this JVM, and the sets of networks loaded after it. */
    static int upscalersBuilt;
    static int networksLoaded;
    /** Relative output names of the good images. */
    static final List<String> OUTPUTS = List.of("a_x4.png", "b_x4.jpg", "sub/c_x4.png", "sub/deep/d_x4.png", "E_x4.png");

    @BeforeAll
    static void firstRun() throws Exception {
        in = Files.createDirectories(dir.resolve("in"));
        Files.createDirectories(in.resolve("sub/deep"));
        image("a.png", 12, 10);
        image("b.jpg", 10, 10);
        image("sub/c.png", 9, 11);
        image("sub/deep/d.png", 10, 8);
        image("E.PNG", 8, 8);
        Files.writeString(in.resolve("notes.txt"), "not an image");
        Files.write(in.resolve("sub/bad.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H'});
        spark = SparkSession.builder()
                .master("local[2,2]") // two cores; a task may fail once and is retried
                .appName("SparkUpscaleTest")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.warehouse.dir", dir.resolve("warehouse").toUri().toString())
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                jobsStarted.incrementAndGet();
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (!end.taskInfo().successful()) {
                    failedTasks.incrementAndGet();
                }
            }
        });
        firstOut = dir.resolve("out");
        int built = ModelPool.built();
        first = run(in, firstOut);
        upscalersBuilt = ModelPool.built() - built;
        networksLoaded = ModelPool.networksLoaded();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static void image(String name, int w, int h) {
        ImageFiles.write(TestImages.quantisedNoise(w, h, 3, false, 8, name.hashCode()), in.resolve(name));
    }

    static Summary run(Path input, Path output, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--input", input.toUri().toString(), "--output", output.toString(), "--steps", "2"));
        args.addAll(List.of(more));
        JobOptions o = new JobOptions();
        new CommandLine(o).parseArgs(args.toArray(new String[0]));
        return UpscaleJob.run(spark, o);
    }

    static Map<String, Row> rows(Path out) {
        Map<String, Row> m = new TreeMap<>();
        for (Row r : spark.read().parquet(out.resolve(Results.FOLDER).toString()).collectAsList()) {
            assertNull(m.put(Path.of(java.net.URI.create(r.getString(0)).getPath()).getFileName().toString(), r), "one row per input");
        }
        return m;
    }

    /** Every file under the output but the results table, relative. */
    static List<String> files(Path out) throws Exception {
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile).map(p -> out.relativize(p).toString())
                    .filter(p -> !p.startsWith(Results.FOLDER + "/")).sorted().collect(Collectors.toList());
        }
    }

    static List<String> expectedFiles() {
        List<String> l = new ArrayList<>();
        OUTPUTS.forEach(o -> {
            l.add(o);
            l.add(o + ".json");
        });
        l.sort(null);
        return l;
    }

    @Test
    void everyImageIsWrittenAndTheTableMatches() throws Exception {
        assertEquals(5, first.ok, first.toString());
        assertEquals(1, first.failed, first.toString());
        assertEquals(0, first.skipped, first.toString());
        assertEquals(expectedFiles(), files(firstOut), "outputs and sidecars only; no temporary files");
        Map<String, Row> rows = rows(firstOut);
        assertEquals(6, rows.size(), rows.toString());
        for (Row r : rows.values()) {
            if (r.getString(2).equals(Results.FAILED)) {
                continue;
            }
            assertEquals(Results.OK, r.getString(2), r.toString());
            Path output = Path.of(java.net.URI.create(r.getString(1)));
            assertEquals(HadoopFiles.sha256(Files.newInputStream(output)), r.getString(6), "sha256 of " + output);
            assertTrue(r.getDouble(5) > 10, "consistency PSNR " + r);
            String side = Files.readString(Path.of(output + ".json"));
            assertTrue(side.contains(String.valueOf(r.getDouble(5))), side);
            assertTrue(r.getDouble(4) > 0);
        }
        assertEquals(32, ImageFiles.read(firstOut.resolve("sub/deep/d_x4.png")).height(), "10x8 at x4");
    }

    @Test
    void theNetworksLoadOncePerJvmForTasksRunningAtTheSameTime() {
        // 6 images in 6 partitions on 2 cores: two tasks at a time, each with an upscaler of its
        // own (an idle one would have been reused), both over one copy of the networks
        assertEquals(2, upscalersBuilt, "one upscaler per task running at the same time");
        assertEquals(1, networksLoaded, "one copy of the networks in this JVM");
    }

    @Test
    void aCorruptImageIsAFailedRowAndTheJobGoesOn() {
        Row bad = rows(firstOut).get("bad.png");
        assertEquals(Results.FAILED, bad.getString(2));
        assertTrue(bad.getString(3).contains("bad.png"), bad.getString(3));
        assertFalse(bad.getString(3).contains("dadiff4j-task"), "names the input, not a local copy: " + bad.getString(3));
        assertNull(bad.get(1));
    }

    @Test
    void aRerunSkipsEverythingDone() throws Exception {
        Path out = dir.resolve("rerun"); // a copy of the first run's outputs, so that its table stays
        for (String f : files(firstOut)) {
            Files.createDirectories(out.resolve(f).getParent());
            Files.copy(firstOut.resolve(f), out.resolve(f), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        Map<String, Long> before = modified(out);
        Summary again = run(in, out);
        assertEquals(5, again.skipped, again.toString());
        assertEquals(0, again.ok, again.toString());
        assertEquals(before, modified(out), "nothing rewritten");
        for (Row r : rows(out).values()) {
            if (r.getString(2).equals(Results.SKIPPED)) {
                assertEquals(HadoopFiles.sha256(Files.newInputStream(Path.of(java.net.URI.create(r.getString(1))))), r.getString(6));
                assertTrue(r.getDouble(5) > 10, r.toString());
            }
        }
        Path one = Files.createDirectories(dir.resolve("reseeded")); // a.png alone, done before with the default seed
        for (String f : List.of("a_x4.png", "a_x4.png.json")) {
            Files.copy(firstOut.resolve(f), one.resolve(f));
        }
        Summary other = run(in.resolve("a.png"), one, "--seed", "7");
        assertEquals(1, other.ok, "another seed makes it again: " + other);
        assertEquals(List.of("a_x4.png", "a_x4.png.json"), files(one), "in its place");
        assertFalse(Arrays.equals(Files.readAllBytes(firstOut.resolve("a_x4.png")), Files.readAllBytes(one.resolve("a_x4.png"))));
    }

    private static Map<String, Long> modified(Path out) throws Exception {
        Map<String, Long> m = new TreeMap<>();
        for (String f : files(out)) {
            m.put(f, Files.getLastModifiedTime(out.resolve(f)).toMillis());
        }
        return m;
    }

    @Test
    void aTaskThatDiesIsRetriedWithoutPartialOrDuplicateOutputs() throws Exception {
        // sub/ holds bad.png, c.png, deep/d.png: partition 0 gets bad and d, and its first attempt
        // dies after d's output is in place and before its sidecar is
        Path out = dir.resolve("retried");
        int before = failedTasks.get();
        spark.sparkContext().setLocalProperty(UpscaleTask.FAIL_PARTITION, "0");
        Summary s;
        try {
            s = run(in.resolve("sub"), out, "--partitions", "2");
        } finally {
            spark.sparkContext().setLocalProperty(UpscaleTask.FAIL_PARTITION, null);
        }
        for (int i = 0; i < 100 && failedTasks.get() == before; i++) {
            Thread.sleep(50); // listener events arrive asynchronously
        }
        assertEquals(before + 1, failedTasks.get(), "the first attempt of partition 0 failed");
        assertEquals(3, s.images(), s.toString());
        assertEquals(2, s.ok, "d was made again: its sidecar was missing. " + s);
        assertEquals(1, s.failed, s.toString());
        assertEquals(List.of("c_x4.png", "c_x4.png.json", "deep/d_x4.png", "deep/d_x4.png.json"), files(out),
                "each output and sidecar once, no temporary files");
        for (String o : List.of("c_x4.png", "deep/d_x4.png")) {
            assertArrayEquals(Files.readAllBytes(firstOut.resolve("sub").resolve(o)), Files.readAllBytes(out.resolve(o)), o);
        }
        assertEquals(3, rows(out).size(), "one row per image");
    }

    @Test
    void theOutputsEqualTheCommandsByteForByte() throws Exception {
        Path cli = dir.resolve("cli");
        // the tasks run one engine thread each (spark.task.cpus = 1); floating-point sums, and so
        // the last bit of a pixel, depend on how many threads share them
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
        int code = Main.run("upscale", in.toString(), "-o", cli.toString(), "--steps", "2", "--quiet");
        assertEquals(2, code, "the corrupt image fails the command too");
        for (String o : OUTPUTS) {
            assertArrayEquals(Files.readAllBytes(cli.resolve(o)), Files.readAllBytes(firstOut.resolve(o)), o);
        }
        // and the command resumes the job's outputs: the same settings-keyed sidecars
        assertEquals(2, Main.run("upscale", in.toString(), "-o", firstOut.toString(), "--steps", "2", "--quiet"));
        assertEquals(expectedFiles(), files(firstOut));
    }

    @Test
    void imagesOverThePixelLimitAreFailedRowsThatSaySo() throws Exception {
        Path out = dir.resolve("limited");
        Summary s = run(in.resolve("a.png"), out, "--max-pixels", "100");
        assertEquals(1, s.failed, s.toString());
        Row r = rows(out).get("a.png");
        assertTrue(r.getString(3).contains("12x10 is 120 pixels, over the limit of 100 (--max-pixels)"), r.getString(3));
        assertEquals(List.of(), files(out));
    }

    @Test
    void aWrongModelFileFailsOnTheDriverBeforeAnySparkJob() throws Exception {
        Path missing = dir.resolve("no-such-degradation.safetensors");
        int jobs = jobsStarted.get();
        DadiffException e = assertThrows(DadiffException.class, () -> run(in, dir.resolve("wrong"), "--degradation", missing.toString()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        Thread.sleep(200); // listener events arrive asynchronously
        assertEquals(jobs, jobsStarted.get(), "no Spark job, so no task and no retry");
        assertFalse(Files.exists(dir.resolve("wrong")), "no output folder");
    }

    @Test
    void theListingKeepsTheCommandsExtensionsInAnyCaseRecursively() throws Exception {
        assertEquals(6, UpscaleJob.listImages(spark, new org.apache.hadoop.fs.Path(in.toUri())).count(),
                "the command's extensions, any case, recursively");
    }
}
