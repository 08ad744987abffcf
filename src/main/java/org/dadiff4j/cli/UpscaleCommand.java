package org.dadiff4j.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dadiff4j.DadiffException;
import org.dadiff4j.image.WriteOptions;
import org.dadiff4j.pipeline.BatchRunner;
import org.dadiff4j.pipeline.Defaults;
import org.dadiff4j.pipeline.Inputs;
import org.dadiff4j.pipeline.Method;
import org.dadiff4j.pipeline.OutputFolder;
import org.dadiff4j.pipeline.UpscaleSettings;
import org.dadiff4j.pipeline.Upscaler;
import org.dadiff4j.pipeline.Upscalers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dadiff upscale}: the main job. */
@Command(name = "upscale", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Upscale low-resolution images (files, folders or globs).")
final class UpscaleCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files, folders or globs.")
    List<String> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "out",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--method", defaultValue = "dadiff",
            description = "dadiff, ddnm, restore, bicubic, explicit or combine (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--scale", description = "Upscaling factor (default: " + Defaults.SCALE + ").")
    int scale = Defaults.SCALE;

    @Mixin ModelOptions models;


    @Option(names = "--alpha", description = "Guidance scalar in the paper's convention (default: " + Defaults.ALPHA + ").")
    float alpha = Defaults.ALPHA;

    @Option(names = "--no-perturb", description = "Turn off the input perturbation y_p = Gd(Gr(y)) (paper Eq. 10).")
    boolean noPerturb;

    @Option(names = "--official", description = {"Reproduce the official sampler's arithmetic exactly: mixed value units",
        "(alpha acts as alpha/2), its clamps, and MSDI2E in train mode (batch statistics, spectral-norm updates)."})
    boolean official;

    @Option(names = "--steps", description = "Sampling steps (default: " + Defaults.STEPS + ").")
    int steps = Defaults.STEPS;

    @Option(names = "--eta", description = "DDIM eta (default: " + Defaults.ETA + ").")
    float eta = Defaults.ETA;

    @Option(names = "--sigma-y", description = "DDNM+: noise level of the input in [0,1] units (default: 0).")
    float sigmaY;

    @Option(names = "--seed", description = "Seed of every random draw (default: " + Defaults.SEED + ").")
    long seed = Defaults.SEED;

    @Mixin
    TileOptions tiles = new TileOptions();

    @Option(names = "--format", defaultValue = "png", description = "png or jpg (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--bit-depth", description = "PNG bit depth, 8 or 16 (default: the input's).")
    int bitDepth;

    @Option(names = "--jpeg-quality", description = "JPEG quality 1-100 (default: 95).")
    int jpegQuality = 95;

    @Option(names = "--overwrite", description = "Replace existing outputs (by default they are skipped, so a batch resumes).")
    boolean overwrite;

    @Override
    public Integer call() {
        UpscaleSettings settings = settings();
        List<Inputs.Item> items = Inputs.resolve(inputs);
        OutputFolder.prepare(output); // before the models load and any image is computed
        Map<String, String> hashes = new LinkedHashMap<>();
        ProgressBars bars = new ProgressBars(System.err);
        try (NDManager manager = NDManager.newBaseManager();
                Upscaler upscaler = Upscalers.create(settings,
                        models.load(settings.method, scale, official, manager, hashes))) {
            BatchRunner runner = BatchRunner.builder()
                    .setUpscaler(upscaler)
                    .setOutputDir(output)
                    .optOverwrite(overwrite)
                    .optExtension(format.equals("jpeg") ? "jpg" : format)
                    .optWriteOptions(writeOptions())
                    .optSeed(seed)
                    .optSettings(settings.describe())
                    .optModels(hashes)
                    .optProgress(bars)
                    .build();
            BatchRunner.Report r;
            try {
                r = runner.run(items);
            } finally {
                bars.close(); // ends the progress line, so that no message is glued onto it
            }
            var err = spec.commandLine().getErr();
            for (String w : r.warnings) {
                err.println("dadiff: warning: " + w);
            }
            for (String f : r.failed) {
                err.println("dadiff: " + f);
            }
            err.printf(Locale.ROOT, "dadiff: %d written, %d skipped (already there), %d failed; outputs in %s%n",
                    r.written.size(), r.skipped.size(), r.failed.size(), output);
            err.flush();
            return r.failed.isEmpty() ? 0 : Main.EXIT_USER_ERROR;
        }
    }

    private UpscaleSettings settings() {
        checkSettings();
        UpscaleSettings s = new UpscaleSettings();
        s.method = Method.parse(method);
        s.scale = scale;
        s.steps = steps;
        s.eta = eta;
        s.alpha = alpha;
        s.perturb = !noPerturb;
        s.official = official;
        s.sigmaY = sigmaY;
        tiles.applyTo(s);
        return s.validate();
    }

    private void checkSettings() {
        if (!List.of("png", "jpg", "jpeg").contains(format)) {
            throw new DadiffException("--format must be png or jpg, got " + format);
        }
        if (bitDepth != 0 && bitDepth != 8 && bitDepth != 16) {
            throw new DadiffException("--bit-depth must be 8 or 16, got " + bitDepth);
        }
        if (bitDepth == 16 && !format.equals("png")) {
            throw new DadiffException("--bit-depth 16 needs --format png (JPEG holds 8 bits per sample)");
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new DadiffException("--jpeg-quality must be between 1 and 100, got " + jpegQuality);
        }
    }

    private WriteOptions writeOptions() {
        WriteOptions w = WriteOptions.defaults().optJpegQuality(jpegQuality / 100f);
        return bitDepth == 0 ? w : w.optBitDepth(bitDepth);
    }
}
