package org.dadiff4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.dadiff4j.cli.Main;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.TestImages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * bench/spark.md: images per minute of the job on local[1] and local[2] against the command on
 * one thread, the same images and settings, median of 3 rounds; and the command at two step counts,
 * whose difference is the cost of a sampling step on one prior tile. {@code --strength 1}, so that
 * every one of the steps runs (the default 0.2 runs a fifth of them, at least one: one of 2 and of 6). Not in the default suite:
 * {@code mvn -B -o -Pslow test -pl spark -am -Dtest=SparkBenchTest -Dsurefire.failIfNoSpecifiedTests=false}
 * (-Dbench.images=, -Dbench.size=, -Dbench.steps= change the work).
 */
@Tag("slow")
class SparkBenchTest {

    @TempDir Path dir;

    static final int IMAGES = Integer.getInteger("bench.images", 6);
    /** Input side; at x2 the output is one 160-pixel prior tile (padded) or less. */
    static final int SIZE = Integer.getInteger("bench.size", 64);
    static final int STEPS = Integer.getInteger("bench.steps", 4);
    static final int ROUNDS = 3;

    @Test
    void imagesPerMinute() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int i = 0; i < IMAGES; i++) {
            ImageFiles.write(TestImages.quantisedNoise(SIZE, SIZE, 3, false, 8, i), in.resolve("img" + i + ".png"));
        }
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads the native library
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
        String steps = String.valueOf(STEPS);
        double[] cli = rounds(r -> cli(in, "cli" + r, steps));
        double[] cliLong = rounds(r -> cli(in, "clilong" + r, String.valueOf(3 * STEPS)));
        double[] one = spark("local[1]", in);
        double[] two = spark("local[2]", in);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d images %dx%d, x2, %d steps, strength 1, default method; load %s%n", IMAGES, SIZE, SIZE,
                STEPS, Files.readString(Path.of("/proc/loadavg")).trim()));
        line(b, "command, 1 thread", cli);
        line(b, "command, 1 thread, " + 3 * STEPS + " steps", cliLong);
        line(b, "spark local[1]", one);
        line(b, "spark local[2]", two);
        b.append(String.format(Locale.ROOT, "one sampling step of one tile: %.3f s%n",
                (median(cliLong) - median(cli)) / IMAGES / (2.0 * STEPS)));
        b.append(String.format(Locale.ROOT, "spark local[1] overhead per image against the command: %.3f s%n",
                (median(one) - median(cli)) / IMAGES));
        b.append(String.format(Locale.ROOT, "this JVM: %d set(s) of networks loaded, %d upscalers built (local[1] then local[2]); %s%n",
                ModelPool.networksLoaded(), ModelPool.built(), memory()));
        System.out.println("BENCH\n" + b);
        Files.writeString(Path.of("spark/target/bench-spark.txt"), b.toString());
    }

    private interface Round {
        double run(int round) throws Exception;
    }

    private static double[] rounds(Round r) throws Exception {
        double[] t = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            t[i] = r.run(i);
        }
        return t;
    }

    private double cli(Path in, String out, String steps) {
        long t0 = System.nanoTime();
        assertEquals(0, Main.run("upscale", in.toString(), "-o", dir.resolve(out).toString(), "--scale", "2",
                "--steps", steps, "--strength", "1", "--quiet"));
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Wall seconds of each round, a new output folder each time; the session (and models) stays warm after a first job. */
    private double[] spark(String master, Path in) throws Exception {
        SparkSession spark = SparkSession.builder().master(master).appName("SparkBench")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.warehouse.dir", dir.resolve("warehouse").toUri().toString())
                .getOrCreate();
        try {
            String tag = master.replaceAll("[^0-9]", "");
            job(spark, in, dir.resolve("warm" + tag));
            return rounds(r -> job(spark, in, dir.resolve("spark" + tag + "-" + r)));
        } finally {
            spark.stop();
        }
    }

    private static double job(SparkSession spark, Path in, Path out) throws Exception {
        JobOptions o = new JobOptions();
        new CommandLine(o).parseArgs("--input", in.toUri().toString(), "--output", out.toString(), "--scale", "2",
                "--steps", String.valueOf(STEPS), "--strength", "1");
        Summary s = UpscaleJob.run(spark, o);
        assertEquals(IMAGES, s.ok, s.toString());
        System.out.println(s);
        return s.wallSeconds;
    }

    /** VmRSS and VmHWM (peak) of this JVM. */
    private static String memory() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM"))
                .map(l -> l.replaceAll("\\s+", " ")).collect(java.util.stream.Collectors.joining(", "));
    }

    private static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void line(StringBuilder b, String what, double[] t) {
        List<String> all = new ArrayList<>();
        for (double x : t) {
            all.add(String.format(Locale.ROOT, "%.1f", x));
        }
        double m = median(t);
        b.append(String.format(Locale.ROOT, "%-40s median %.1f s (%s): %.1f images/min, %.2f s per image%n", what, m,
                String.join(", ", all), IMAGES * 60 / m, m / IMAGES));
    }
}
