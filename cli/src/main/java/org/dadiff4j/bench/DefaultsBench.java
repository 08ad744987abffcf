package org.dadiff4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.dadiff4j.api.Dadiff;
import org.dadiff4j.image.ImageFiles;

/**
 * What a user waits for with the defaults: a {@link Dadiff} built with nothing set (the embedded
 * models, the default method, strength and steps) upscales a PNG file into a PNG file, reading and
 * writing included. Random inputs: the cost does not depend on the content, and a noise image is the
 * slowest to encode. The first call, which loads the models, is timed apart: a server or a batch pays
 * it once.
 */
final class DefaultsBench {

    /** The targets of issue #15: input side, then the most seconds an image may take. */
    static final int[][] TARGETS = {{64, 20}, {256, 300}};

    private final BenchSettings s;
    private final Consumer<String> log;

    DefaultsBench(BenchSettings s, Consumer<String> log) {
        this.s = s;
        this.log = log;
    }

    Table run(List<String> verdicts) {
        Table t = new Table("The defaults, file to file (embedded models, median of " + s.repeat + ")",
                "input", "output", "s/image", "runs (s)", "target (s)", "load avg");
        long start = System.nanoTime();
        try (Dadiff d = Dadiff.builder().build()) {
            double load = seconds(start);
            long w0 = System.nanoTime();
            d.upscale(write(16), tmp("warmup-out")); // loads the models; first calls allocate and JIT
            t.note(String.format(Locale.ROOT, "Building the Dadiff took %.2f s; its first call (16x16, which loads the"
                    + " embedded models and warms the engine) %.2f s, not counted.", load, seconds(w0)));
            for (int[] target : TARGETS) {
                int side = target[0];
                Path in = write(side);
                double[] runs = new double[s.repeat];
                for (int i = 0; i < runs.length; i++) {
                    long t0 = System.nanoTime();
                    d.upscale(in, tmp("out-" + side));
                    runs[i] = seconds(t0);
                }
                double median = Stats.median(runs);
                int out = side * d.settings().scale();
                log.accept(String.format(Locale.ROOT, "bench:   defaults %dx%d -> %dx%d: %.2f s", side, side, out, out,
                        median));
                t.row(side + "x" + side, out + "x" + out, median, join(runs), target[1], Proc.loadAverage());
                verdicts.add(String.format(Locale.ROOT, "Defaults, %dx%d -> %dx%d <= %d s: %s (%.1f s).", side, side,
                        out, out, target[1], median <= target[1] ? "met" : "NOT met", median));
            }
        }
        return t;
    }

    private Path write(int side) {
        Path p = tmp("in-" + side + ".png");
        ImageFiles.write(Benchmarks.randomPicture(side, s.seed), p);
        return p;
    }

    private static Path tmp(String name) {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "dadiff-bench"));
            return dir.resolve(name.endsWith(".png") ? name : name + ".png");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String join(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", x));
        }
        return b.toString();
    }
}
