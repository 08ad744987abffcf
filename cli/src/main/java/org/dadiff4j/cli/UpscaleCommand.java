package org.dadiff4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dadiff4j.api.Dadiff;
import org.dadiff4j.api.Settings;
import org.dadiff4j.pipeline.BatchRunner;
import org.dadiff4j.pipeline.Defaults;
import org.dadiff4j.pipeline.Inputs;
import org.dadiff4j.pipeline.Method;
import org.dadiff4j.pipeline.OutputFolder;
import org.dadiff4j.pipeline.OutputFormat;
import org.dadiff4j.pipeline.UpscaleSettings;
import org.dadiff4j.pipeline.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dadiff upscale}: the main job. */
@Command(name = "upscale", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Upscale low-resolution images (files, folders or globs).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every image was written or was already there",
            "1:an internal error (a bug; --verbose prints its stack trace)",
            "2:a problem you can fix: a bad option, image or model file, a full disk (a batch goes on past a bad image, then exits 2)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  dadiff upscale photo.jpg                  out/photo_x4.jpg + .json sidecar",
            "  dadiff upscale 'scans/*.png' -o hr        every match, into hr/",
            "  dadiff upscale photos/ --method restore   a folder; fast, no sampling",
            "  cat a.png | dadiff upscale - -o - > b.png stdin to stdout",
            "",
            "Which method: dadiff (the default) for photos whose degradation is unknown.",
            "restore (Gr alone) takes a second and is what dadiff starts from; ddnm assumes",
            "plain downscaling (no blur, noise or JPEG).",
            "Which strength: --strength is fidelity (0, the restoration itself) against",
            "realism (1, sampled from pure noise as in the paper). The default, " + Defaults.STRENGTH + ", runs",
            "that share of the " + Defaults.STEPS + " steps from the restoration; raise it for more invented",
            "detail, lower it (or use restore) when the output must stay close to the input.",
            "From the restoration each step is projected fully onto it (--alpha 2); from",
            "pure noise the paper's alpha 0.3 applies."})
final class UpscaleCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Image files, folders or globs; - reads one image from stdin.")
    List<String> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "out",
            description = "Output folder, or - for stdout (one input; no sidecar) (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--method", defaultValue = "dadiff",
            description = "dadiff, ddnm, restore, bicubic, explicit or combine (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--scale", description = "Upscaling factor (default: " + Defaults.SCALE + ").")
    int scale = Defaults.SCALE;

    @Mixin ModelOptions models;


    @Option(names = "--alpha", description = "Guidance scalar of dadiff and combine, in the paper's units for both (default: "
            + Defaults.ANCHORED_ALPHA + " for dadiff below strength 1, where it is a full projection onto the restoration;"
            + " else the paper's " + Defaults.ALPHA + ").")
    Float alpha;

    @Option(names = "--no-perturb", description = "Turn off the input perturbation y_p = Gd(Gr(y)) (paper Eq. 10).")
    boolean noPerturb;

    @Option(names = "--ensemble", paramLabel = "N", description = {"Gr's self-ensemble: average it over 1, 2, 4 or 8 flips and transposes",
        "of the input (default: " + Defaults.ENSEMBLE + " for restore and dadiff below strength 1, else 1). 1 is faster."})
    Integer ensemble;

    @Option(names = "--official", description = {"Reproduce the official sampler's arithmetic exactly: mixed value units",
        "(alpha acts as alpha/2), its clamps, and MSDI2E in train mode (batch statistics, spectral-norm updates)."})
    boolean official;

    @Option(names = "--steps", description = "Sampling steps (default: " + Defaults.STEPS + ").")
    int steps = Defaults.STEPS;

    @Mixin StrengthOption strength = new StrengthOption();

    @Option(names = "--eta", description = "DDIM eta (default: " + Defaults.ETA + ").")
    float eta = Defaults.ETA;

    @Option(names = "--sigma-y", description = "DDNM+: noise level of the input in [0,1] units (default: 0).")
    float sigmaY;

    @Option(names = "--seed", description = "Seed of every random draw (default: " + Defaults.SEED + ").")
    long seed = Defaults.SEED;

    @Mixin
    TileOptions tiles = new TileOptions();

    @Option(names = "--format", description = "png, jpg or tif (default: the input's format where it can be written, else png).")
    String format;

    @Option(names = "--suffix", description = "Added to each output's name before the extension (default: _x and the scale).")
    String suffix;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors and the final line if any image failed.")
    boolean quiet;

    @Option(names = "--bit-depth", description = "PNG bit depth, 8 or 16 (default: the input's).")
    int bitDepth;

    @Option(names = "--jpeg-quality", description = "JPEG quality 1-100 (default: " + Defaults.JPEG_QUALITY + ").")
    int jpegQuality = Defaults.JPEG_QUALITY;

    @Option(names = "--overwrite", description = {"Replace existing outputs. By default an output is kept only where its",
        "sidecar records the same settings, seed and models, so a batch resumes; one made otherwise is made again, with a message."})
    boolean overwrite;

    @Override
    public Integer call() {
        Settings settings = settings();
        if (inputs.contains("-") || output.toString().equals("-")) {
            return Pipes.run(inputs, output, format, () -> build(settings));
        }
        List<Inputs.Item> items = Inputs.resolve(inputs);
        OutputFolder.prepare(output); // before the models load and any image is computed
        ProgressListener bars = quiet ? ProgressListener.NONE : new ProgressBars(spec.commandLine().getErr(), ProgressBars.stderrIsTerminal());
        try (Dadiff dadiff = build(settings)) {
            BatchRunner runner = BatchRunner.builder()
                    .setUpscaler(dadiff)
                    .setOutputDir(output)
                    .optOverwrite(overwrite)
                    .optExtension(outputFormat().extension())
                    .optSuffix(suffix)
                    .optWriteOptions(outputFormat().writeOptions())
                    .optSeed(seed)
                    .optSettings(dadiff.settings().describe())
                    .optModels(dadiff.modelHashes())
                    .optProgress(bars)
                    .build();
            BatchRunner.Report r;
            try {
                r = runner.run(items);
            } finally {
                if (bars instanceof ProgressBars) {
                    ((ProgressBars) bars).close(); // ends the progress line, so no message is glued onto it
                }
            }
            var err = spec.commandLine().getErr();
            for (String w : r.warnings) {
                err.println("dadiff: warning: " + w);
            }
            // one line per image already named each failure and each output made again
            boolean lines = bars instanceof ProgressBars && !((ProgressBars) bars).live();
            if (!lines) {
                r.failed.forEach(f -> err.println("dadiff: " + f));
                if (!quiet) {
                    r.redone.forEach(f -> err.println("dadiff: " + f));
                }
            }
            if (!quiet || !r.failed.isEmpty()) {
                err.printf(Locale.ROOT, "dadiff: %d written, %d skipped (already there), %d failed%s; outputs in %s%n",
                        r.written.size(), r.skipped.size(), r.failed.size(),
                        r.redone.isEmpty() ? "" : "; " + r.redone.size() + " made again (other settings)", output);
            }
            err.flush();
            return r.failed.isEmpty() ? 0 : Main.EXIT_USER_ERROR;
        }
    }

    private Dadiff build(Settings settings) {
        return Dadiff.builder().optSettings(settings).optModels(models.files()).build();
    }

    private Settings settings() {
        outputFormat(); // checks the output options before any model loads
        Settings.Builder s = Settings.builder()
                .optMethod(Method.parse(method))
                .optScale(scale)
                .optSteps(steps)
                .optStrength(strength.value(official))
                .optEta(eta)
                .optPerturb(!noPerturb)
                .optOfficial(official)
                .optSigmaY(sigmaY)
                .optSeed(seed);
        if (alpha != null) {
            s.optAlpha(alpha);
        }
        if (ensemble != null) {
            s.optEnsemble(ensemble);
        }
        tiles.applyTo(s);
        return s.build();
    }

    private OutputFormat outputFormat() {
        return OutputFormat.of(format, bitDepth, jpegQuality);
    }
}
