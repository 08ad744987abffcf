package org.dadiff4j.eval;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dadiff4j.AtomicFile;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;
import org.dadiff4j.api.Dadiff;
import org.dadiff4j.api.Settings;
import org.dadiff4j.api.SharedModels;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.pipeline.ModelFiles;
import org.dadiff4j.pipeline.ProgressListener;

/**
 * Runs methods on a test set and scores them, into one folder:
 * <pre>
 *   OUT/run.json             the test set, scale, seed and methods (read by the report)
 *   OUT/&lt;method&gt;/NAME.png     every output; existing ones are reused, so a run resumes
 *   OUT/&lt;method&gt;/settings.json the settings the outputs were made with; a resumed run must match
 *   OUT/per_image.csv        every metric of every output
 *   OUT/table.csv, table.md  one row per method: the paper's Table 1
 *   OUT/trajectory.csv       with a trajectory count: PSNR of the x0 estimate at every step
 * </pre>
 * Every method gets the same seed for a given image (the run's seed, as {@code dadiff upscale}
 * uses it), so {@code dadiff upscale} with the same settings reproduces an output. Each method is
 * a {@link Dadiff} built before any image runs (a missing model fails at once), all on one copy of
 * the networks.
 */
public final class EvalRunner {

    /** What a run did. */
    public static final class Result {
        public final ResultTable table;
        public final int written;
        public final int reused;

        Result(ResultTable table, int written, int reused) {
            this.table = table;
            this.written = written;
            this.reused = reused;
        }
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private final TestSet testSet;
    private final Path out;
    private final List<MethodVariant> variants;
    private final Settings base;
    private final ModelFiles models;
    private final long seed;
    private final int trajectoryImages;
    private final Scorer scorer;
    private final ProgressListener progress;
    private final Consumer<String> log;

    private EvalRunner(Builder b) {
        testSet = b.testSet;
        out = b.out;
        variants = List.copyOf(b.variants);
        base = b.base;
        models = b.models;
        seed = b.seed;
        trajectoryImages = b.trajectoryImages;
        scorer = b.scorer;
        progress = b.progress;
        log = b.log;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The output of {@code pair} under {@code variant}. */
    public Path outputOf(MethodVariant variant, TestSet.Pair pair) {
        return out.resolve(variant.label()).resolve(pair.stem() + ".png");
    }

    /** Makes the missing outputs, scores all, and writes the tables. */
    public Result run() {
        mkdirs(out);
        writeJson(out.resolve("run.json"), runDescription());
        Path trajectoryFile = out.resolve("trajectory.csv");
        Trajectory trajectory = new Trajectory(Metrics.Options.RGB);
        if (trajectoryImages > 0 && Files.isRegularFile(trajectoryFile)) {
            trajectory.addAll(Trajectory.read(trajectoryFile));
        }
        int written = 0;
        int reused = 0;
        List<Dadiff> upscalers = new ArrayList<>();
        try (SharedModels shared = new SharedModels(models)) {
            try {
                for (MethodVariant v : variants) {
                    Settings s = v.apply(base);
                    checkSettings(v, s);
                    upscalers.add(Dadiff.builder().optShared(shared).optSettings(s).optStepObserver(trajectory).build());
                }
                for (int k = 0; k < variants.size(); k++) {
                    MethodVariant v = variants.get(k);
                    Dadiff upscaler = upscalers.get(k);
                    List<TestSet.Pair> pairs = testSet.pairs();
                    for (int i = 0; i < pairs.size(); i++) {
                        TestSet.Pair p = pairs.get(i);
                        Path file = outputOf(v, p);
                        boolean curve = i < trajectoryImages && v.method().usesPrior() && !trajectory.has(v.label(), p.name());
                        if (Files.exists(file) && !curve) {
                            reused++;
                            continue;
                        }
                        progress.imageStarted(i, pairs.size(), v.label() + "/" + p.name(), upscaler.steps());
                        if (curve) {
                            trajectory.start(v.label(), p.name(), ImageFiles.read(p.hr()));
                        }
                        ImageFiles.write(upscaler.upscale(ImageFiles.read(p.other()), seed, progress), file);
                        trajectory.stop();
                        written++;
                        progress.imageDone(i, p.name(), "written " + file);
                        if (curve) {
                            Trajectory.write(trajectoryFile, trajectory.points());
                        }
                    }
                }
            } finally {
                upscalers.forEach(Dadiff::close);
            }
        }
        log.accept("scoring " + variants.size() + " method(s) on " + testSet.pairs().size() + " image(s)");
        ResultTable table = new ResultTable(scorer.columns());
        for (MethodVariant v : variants) {
            List<TestSet.Pair> outputs = new ArrayList<>();
            for (TestSet.Pair p : testSet.pairs()) {
                outputs.add(new TestSet.Pair(p.name(), p.hr(), outputOf(v, p)));
            }
            scorer.scoreSet(v.label(), TestSet.of(outputs), table);
        }
        table.writePerImage(out.resolve("per_image.csv"));
        table.writeSummary(out.resolve("table.csv"));
        table.writeMarkdown(out.resolve("table.md"), caption());
        return new Result(table, written, reused);
    }

    private String caption() {
        boolean diffusion = variants.stream().anyMatch(v -> v.method().usesPrior());
        // eta and alpha are floats: printed as such, as the tables have always shown them.
        return "x" + base.scale() + " on " + testSet.pairs().size() + " images of " + testSet.pairs().get(0).hr().getParent()
                + "; seed " + seed + (diffusion ? ", steps " + base.steps() + ", eta " + (float) base.eta() + ", alpha "
                + (float) base.alpha() : "")
                + (base.official() ? ", official arithmetic" : "") + ". " + scorer.describe() + "."
                + scorer.notes().stream().map(n -> "\n\n" + n).collect(java.util.stream.Collectors.joining());
    }

    private JsonObject runDescription() {
        JsonObject j = new JsonObject();
        j.addProperty("hr", testSet.pairs().get(0).hr().toAbsolutePath().getParent().toString());
        j.addProperty("lr", testSet.pairs().get(0).other().toAbsolutePath().getParent().toString());
        j.addProperty("scale", base.scale());
        j.addProperty("seed", seed);
        j.addProperty("images", testSet.pairs().size());
        j.addProperty("trajectory", trajectoryImages);
        JsonArray m = new JsonArray();
        variants.forEach(v -> m.add(v.label()));
        j.add("methods", m);
        return j;
    }

    /** Outputs of another settings must not be mixed into a table: refuse instead of reusing them. */
    private void checkSettings(MethodVariant v, Settings s) {
        Path dir = out.resolve(v.label());
        mkdirs(dir);
        JsonObject fresh = GSON.toJsonTree(s.describe()).getAsJsonObject();
        fresh.addProperty("seed", seed);
        // Through text, as the stored copy went: a float 0.3f and the 0.3 read back must compare equal.
        JsonElement want = JsonParser.parseString(GSON.toJson(fresh));
        Path file = dir.resolve("settings.json");
        if (Files.isRegularFile(file)) {
            JsonElement had = readJson(file);
            if (!had.equals(want)) {
                throw DadiffException.of(dir, "holds outputs made with other settings (" + had + ", now " + want
                        + "); remove the folder or choose another --output");
            }
        } else {
            writeJson(file, want);
        }
    }

    private static JsonElement readJson(Path file) {
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw DadiffException.of(file, "cannot read: " + Problems.describe(e), e);
        }
    }

    private static void writeJson(Path file, JsonElement json) {
        byte[] bytes = GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, o -> o.write(bytes));
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw DadiffException.of(dir, "cannot create the folder: " + Problems.describe(e), e);
        }
    }

    /** Builder: {@code set*} for what is required, {@code opt*} for what has a default. */
    public static final class Builder {
        private TestSet testSet;
        private Path out;
        private List<MethodVariant> variants;
        private Settings base = Settings.defaults();
        private ModelFiles models = ModelFiles.DEFAULTS;
        private long seed = org.dadiff4j.pipeline.Defaults.SEED;
        private int trajectoryImages;
        private Scorer scorer;
        private ProgressListener progress = ProgressListener.NONE;
        private Consumer<String> log = s -> { };

        /** HR images paired with their LR inputs. */
        public Builder setTestSet(TestSet testSet) {
            this.testSet = testSet;
            return this;
        }

        public Builder setOutputDir(Path out) {
            this.out = out;
            return this;
        }

        public Builder setVariants(List<MethodVariant> variants) {
            this.variants = variants;
            return this;
        }

        /** The metrics; the caller closes it. */
        public Builder setScorer(Scorer scorer) {
            this.scorer = scorer;
            return this;
        }

        /** Settings every variant starts from (scale, steps, alpha, ...); their seed is not used (see {@link #optSeed}). */
        public Builder optSettings(Settings base) {
            this.base = base;
            return this;
        }

        /** The model files of the methods (null entries, and the default: the embedded models). */
        public Builder optModels(ModelFiles models) {
            this.models = models;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Record the restoration curve of the first {@code n} images of each diffusion method. */
        public Builder optTrajectory(int n) {
            this.trajectoryImages = n;
            return this;
        }

        public Builder optProgress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        /** Receives one-line status messages. */
        public Builder optLog(Consumer<String> log) {
            this.log = log;
            return this;
        }

        public EvalRunner build() {
            if (testSet == null || out == null || variants == null || variants.isEmpty() || scorer == null) {
                throw new IllegalStateException("test set, output folder, methods and scorer are required");
            }
            return new EvalRunner(this);
        }
    }
}
