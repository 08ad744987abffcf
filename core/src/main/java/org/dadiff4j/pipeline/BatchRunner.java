package org.dadiff4j.pipeline;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dadiff4j.AtomicFile;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;
import org.dadiff4j.image.WriteOptions;

/**
 * Upscales a batch of images into an output folder. Each output is written atomically with a JSON
 * sidecar (method, options, seed, model hashes, timings, input consistency). An existing output is
 * skipped unless overwriting, so an interrupted batch resumes where it stopped and repeats nothing.
 * A bad image does not stop the batch: it is reported and the others go on.
 */
public final class BatchRunner {

    /** What happened to each image. */
    public static final class Report {
        public final List<String> written = new ArrayList<>();
        public final List<String> skipped = new ArrayList<>();
        /** Outputs made again because their sidecar records other settings or models: "file: why". */
        public final List<String> redone = new ArrayList<>();
        /** One line per failure: "file: problem". */
        public final List<String> failed = new ArrayList<>();
        /** One line per output that lost something in its format (JPEG: alpha, 16 bits). */
        public final List<String> warnings = new ArrayList<>();
    }

    private final Upscaler upscaler;
    private final Path outDir;
    private final boolean overwrite;
    private final String extension;
    private final String suffix;
    private final WriteOptions writeOptions;
    private final long seed;
    private final Map<String, Object> settings;
    private final Map<String, String> models;
    private final ProgressListener progress;

    private BatchRunner(Builder b) {
        this.upscaler = b.upscaler;
        this.outDir = b.outDir;
        this.overwrite = b.overwrite;
        this.extension = b.extension;
        this.suffix = b.suffix != null ? b.suffix : OutputNames.defaultSuffix(b.upscaler.scale());
        this.writeOptions = b.writeOptions;
        this.seed = b.seed;
        this.settings = b.settings;
        this.models = b.models;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The output file of an input item: its name, the suffix, and the extension given or its input's. */
    public Path outputOf(Inputs.Item item) {
        return outDir.resolve(OutputNames.output(item.name, item.file.getFileName().toString(), suffix, extension, upscaler.scale()));
    }

    /** The output extension that keeps an input's format where it can be written: jpg, tif, else png. */
    public static String extensionFor(Path input) {
        return OutputNames.extensionFor(input.getFileName() == null ? "" : input.getFileName().toString());
    }

    /**
     * Runs every item in order. An existing output is kept only where its sidecar records the
     * same settings, seed and models (by SHA-256); otherwise it is made again and the reason is
     * reported, so that a rerun with other settings never keeps old results silently.
     */
    public Report run(List<Inputs.Item> items) {
        Report report = new Report();
        OutputFolder.prepare(outDir);
        OutputFolder.cleanStale(outDir);
        items = OwnOutputs.exclude(items, this::outputOf, outDir, report.skipped);
        for (int i = 0; i < items.size(); i++) {
            Inputs.Item item = items.get(i);
            Path out = outputOf(item);
            progress.imageStarted(i, items.size(), item.file.toString(), upscaler.steps());
            String redo = null;
            if (!overwrite && Files.exists(out)) {
                redo = OutputPair.isComplete(out)
                        ? Resume.staleReason(sidecarOf(out), settingsJson(), seed, models.values())
                        : Files.exists(sidecarOf(out)) ? "its sidecar is unreadable or incomplete" : "it has no sidecar";
                if (redo == null) {
                    report.skipped.add(out.toString());
                    progress.imageDone(i, item.file.toString(), "skipped: " + out + " exists, made with these settings");
                    continue;
                }
            }
            try {
                Done done = runOne(item, out);
                double psnr = done.psnr();
                report.warnings.addAll(done.losses());
                report.written.add(out.toString());
                if (redo != null) {
                    report.redone.add(out + ": made again, " + redo);
                }
                progress.imageDone(i, item.file.toString(), String.format(java.util.Locale.ROOT,
                        "written %s, consistency %.1f dB%s", out, psnr, redo == null ? "" : " (made again: " + redo + ")"));
            } catch (DadiffException e) {
                report.failed.add(Problems.oneLine(e.getMessage()));
                progress.imageDone(i, item.file.toString(), "failed: " + Problems.oneLine(e.getMessage()));
            } catch (OutOfMemoryError e) {
                String line = item.file + ": out of memory; try a smaller --tile or --guidance-tile,"
                        + " or raise -Xmx in DADIFF_JAVA_OPTS";
                report.failed.add(line);
                progress.imageDone(i, item.file.toString(), "failed: " + line);
            }
        }
        return report;
    }

    /** What one image gave: the input-consistency PSNR of the output, and what its format lost. */
    private record Done(double psnr, List<String> losses) {}

    private Done runOne(Inputs.Item item, Path out) {
        long t0 = System.nanoTime();
        int[] announced = ImageFiles.size(item.file); // the output size is refused before any decoding
        org.dadiff4j.image.ImageLimits.check(item.file, (long) announced[0] * upscaler.scale(),
                (long) announced[1] * upscaler.scale());
        Picture lr = ImageFiles.read(item.file);
        InputCheck.check(item.file.toString(), lr, upscaler.scale());
        long t1 = System.nanoTime();
        Picture hr;
        try {
            hr = upscaler.upscale(lr, seed, progress);
            NonFiniteResult.check(hr, "the result");
        } catch (NonFiniteResult e) {
            throw DadiffException.of(item.file, e.getMessage() + " (models: "
                    + (models.isEmpty() ? "none" : String.join(", ", models.keySet())) + ")", e);
        }
        long t2 = System.nanoTime();
        createDirectories(out.toAbsolutePath().getParent());
        WriteOptions options = writeOptions.optExif(org.dadiff4j.image.Exif.readUpright(item.file));
        double psnr = Consistency.psnr(hr, lr);
        try (AtomicFile.Staged image = AtomicFile.stage(out, ImageFiles.body(hr, out, options))) {
            long t3 = System.nanoTime();
            OutputPair.commit(image, out,
                    sidecar(item, out, lr, hr, psnr, new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9}));
        }
        return new Done(psnr, ImageFiles.losses(hr, out, options));
    }

    private byte[] sidecar(Inputs.Item item, Path out, Picture lr, Picture hr, double psnr, double[] seconds) {
        return Sidecar.json(item.file.toString(), out.getFileName().toString(), lr, hr, seed, settingsJson(), models,
                seconds, psnr);
    }

    private JsonObject settingsJson() {
        return Sidecar.settingsJson(settings);
    }

    /** The sidecar of an output file. */
    public static Path sidecarOf(Path out) {
        return OutputPair.sidecarOf(out);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw DadiffException.of(dir, "cannot create the output folder: " + Problems.describe(e), e);
        }
    }

    /** Builder: {@code set*} for what is required, {@code opt*} for what has a default. */
    public static final class Builder {
        private Upscaler upscaler;
        private Path outDir;
        private boolean overwrite;
        private String extension;
        private String suffix;
        private WriteOptions writeOptions = WriteOptions.defaults();
        private long seed = Defaults.SEED;
        private Map<String, Object> settings = new LinkedHashMap<>();
        private Map<String, String> models = new LinkedHashMap<>();
        private ProgressListener progress = ProgressListener.NONE;

        public Builder setUpscaler(Upscaler upscaler) {
            this.upscaler = upscaler;
            return this;
        }

        public Builder setOutputDir(Path outDir) {
            this.outDir = outDir;
            return this;
        }

        public Builder optOverwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /** "png", "jpg" or "tif"; by default the input's format where it can be written, else png. */
        public Builder optExtension(String extension) {
            this.extension = extension;
            return this;
        }

        /** What follows an output's name before the extension (default "_x" and the scale). */
        public Builder optSuffix(String suffix) {
            this.suffix = suffix;
            return this;
        }

        public Builder optWriteOptions(WriteOptions writeOptions) {
            this.writeOptions = writeOptions;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Settings recorded in every sidecar (method, steps, ...). */
        public Builder optSettings(Map<String, Object> settings) {
            this.settings = new LinkedHashMap<>(settings);
            return this;
        }

        /** Model files and their SHA-256, recorded in every sidecar. */
        public Builder optModels(Map<String, String> models) {
            this.models = new LinkedHashMap<>(models);
            return this;
        }

        public Builder optProgress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        public BatchRunner build() {
            if (upscaler == null || outDir == null) {
                throw new IllegalStateException("upscaler and output folder are required");
            }
            return new BatchRunner(this);
        }
    }
}
