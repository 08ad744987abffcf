package org.dadiff4j.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.dadiff4j.DadiffException;
import org.dadiff4j.api.Dadiff;
import org.dadiff4j.api.Settings;
import org.dadiff4j.image.WriteOptions;
import org.dadiff4j.pipeline.Defaults;
import org.dadiff4j.pipeline.Method;
import org.dadiff4j.pipeline.ModelFiles;
import org.dadiff4j.pipeline.OutputFormat;
import org.dadiff4j.pipeline.OutputNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The job's command line: {@code --input} and {@code --output} (Hadoop file system URIs), the
 * upscale options of {@code dadiff upscale} under the same names and defaults, and the job's own
 * ({@code --partitions}, {@code --max-pixels}). Serializable: the tasks get a copy and build their
 * settings from it.
 *
 * <p>Declared apart from the command's options, which live in the cli module: depending on it would
 * put every command, the web server and an SLF4J binding (against Spark's) into the Spark jar. What
 * is shared is what decides behaviour: the defaults ({@link Defaults}), the settings' builder and
 * checks ({@link Settings}), the output options' checks ({@link OutputFormat}) and the output names
 * ({@link OutputNames}); JobOptionsTest fails when an option of {@code dadiff upscale} is missing
 * here or has another default.
 */
@Command(name = "dadiff4j-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Upscale every image below --input into --output, on a Spark cluster.")
final class JobOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default pixel limit of one input: 4096 x 4096, 16.8 MP (64 MP at x2 is about 1 GB of float planes). */
    static final long MAX_PIXELS = 4096L * 4096L;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "A folder (searched recursively) or one image: any Hadoop file system URI (file:, hdfs:, s3a:).")
    String input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PATH",
            description = "Output folder (any Hadoop file system URI); results go to PATH/results.parquet.")
    String output;

    @Option(names = "--partitions", description = "Partitions (default: the images, at most 4 per core of the cluster).")
    int partitions;

    @Option(names = "--max-pixels", description = "Largest input, in pixels; larger images are failed rows, never decoded (default: "
            + MAX_PIXELS + ").")
    long maxPixels = MAX_PIXELS;

    @Option(names = "--method", defaultValue = "dadiff", description = "dadiff, ddnm, restore, bicubic, explicit or combine (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--scale", description = "Upscaling factor (default: " + Defaults.SCALE + ").")
    int scale = Defaults.SCALE;

    @Option(names = "--prior", paramLabel = "FILE", description = "Diffusion prior file, at this path on the driver (which checks it) and on every executor (default: the embedded one).")
    String prior;

    @Option(names = "--prior-config", paramLabel = "JSON", description = "The prior's layout where the file cannot tell it.")
    String priorConfig;

    @Option(names = "--degradation", paramLabel = "FILE", description = "Degradation-aware model file (default: the embedded one of the scale).")
    String degradation;

    @Option(names = "--kernel-estimator", paramLabel = "FILE", description = "Blur-kernel estimator for explicit and combine.")
    String kernelEstimator;

    @Option(names = "--alpha", description = "Guidance scalar in the paper's convention (default: " + Defaults.ANCHORED_ALPHA
            + " for dadiff below strength 1, else " + Defaults.ALPHA + ").")
    Float alpha;

    @Option(names = "--ensemble", paramLabel = "N", description = "Gr's self-ensemble over 1, 2, 4 or 8 flips and transposes (default: "
            + Defaults.ENSEMBLE + " for restore and dadiff below strength 1, else 1).")
    Integer ensemble;

    @Option(names = "--no-perturb", description = "Turn off the input perturbation y_p = Gd(Gr(y)).")
    boolean noPerturb;

    @Option(names = "--official", description = "Reproduce the official sampler's arithmetic exactly.")
    boolean official;

    @Option(names = "--steps", description = "Sampling steps (default: " + Defaults.STEPS + ").")
    int steps = Defaults.STEPS;

    @Option(names = "--strength", paramLabel = "S", description = "Fidelity (0) versus realism (1): the last S x STEPS steps run,"
            + " from the restoration noised to S x 1000 (default: " + Defaults.STRENGTH + "; 1 with --official).")
    Double strength;

    @Option(names = "--eta", description = "DDIM eta (default: " + Defaults.ETA + ").")
    float eta = Defaults.ETA;

    @Option(names = "--sigma-y", description = "DDNM+: noise level of the input in [0,1] units (default: 0).")
    float sigmaY;

    @Option(names = "--seed", description = "Seed of every random draw (default: " + Defaults.SEED + ").")
    long seed = Defaults.SEED;

    @Option(names = "--tile", description = "Prior tile side in output pixels (default: the prior's tile).")
    int tile;

    @Option(names = "--tile-overlap", description = "Overlap of prior tiles in output pixels (default: the prior's).")
    int tileOverlap = -1;

    @Option(names = "--tile-batch", description = "Prior tiles per network call (default: " + Defaults.TILE_BATCH + ").")
    int tileBatch = Defaults.TILE_BATCH;

    @Option(names = "--guidance-tile", description = "Side of the tiles Gd and Gr run on beyond it (default: " + Defaults.GUIDANCE_TILE + ").")
    int guidanceTile = Defaults.GUIDANCE_TILE;

    @Option(names = "--format", description = "png, jpg or tif (default: the input's format where it can be written, else png).")
    String format;

    @Option(names = "--suffix", description = "Added to each output's name before the extension (default: _x and the scale).")
    String suffix;

    @Option(names = "--bit-depth", description = "PNG bit depth, 8 or 16 (default: the input's).")
    int bitDepth;

    @Option(names = "--jpeg-quality", description = "JPEG quality 1-100 (default: " + Defaults.JPEG_QUALITY + ").")
    int jpegQuality = Defaults.JPEG_QUALITY;

    @Option(names = "--overwrite", description = "Make every output again. By default an output is kept where its sidecar records the same settings, seed and models.")
    boolean overwrite;

    /** The upscale settings, from the same builder and defaults as the command's. */
    Settings settings() {
        Settings.Builder s = Settings.builder()
                .optMethod(Method.parse(method))
                .optScale(scale)
                .optSteps(steps)
                .optEta(eta)
                .optPerturb(!noPerturb)
                .optOfficial(official)
                .optSigmaY(sigmaY)
                .optSeed(seed)
                .optTile(tile)
                .optTileOverlap(tileOverlap)
                .optTileBatch(tileBatch)
                .optGuidanceTile(guidanceTile);
        if (strength != null) {
            s.optStrength(strength); // unset, the builder picks the mode's default, as the command does
        }
        if (alpha != null) {
            s.optAlpha(alpha);
        }
        if (ensemble != null) {
            s.optEnsemble(ensemble);
        }
        return s.build();
    }

    ModelFiles models() {
        return new ModelFiles(path(prior), path(priorConfig), path(degradation), path(kernelEstimator));
    }

    WriteOptions writeOptions() {
        return outputFormat().writeOptions();
    }

    /** The output file name of an input, as {@code dadiff upscale} names it. */
    String outputName(String relativeName, String inputFile) {
        return OutputNames.output(relativeName, inputFile, suffix, outputFormat().extension(), scale);
    }

    /**
     * Checks every option on the driver, so that a wrong one fails the job before any task: the
     * output options as the command checks them, the settings, the job's own options, and the
     * model files given, which are loaded once here (an executor that failed to load one would
     * fail each task and its retries).
     *
     * @throws DadiffException naming the option or the file that is wrong
     */
    void check() {
        outputFormat();
        if (partitions < 0) {
            throw new DadiffException("--partitions must be at least 1, got " + partitions);
        }
        if (maxPixels < 1) {
            throw new DadiffException("--max-pixels must be at least 1, got " + maxPixels);
        }
        Settings settings = settings();
        if (prior != null || priorConfig != null || degradation != null || kernelEstimator != null) {
            Dadiff.builder().optSettings(settings).optModels(models()).build().close();
        }
    }

    private OutputFormat outputFormat() {
        return OutputFormat.of(format, bitDepth, jpegQuality);
    }

    private static Path path(String s) {
        return s == null ? null : Path.of(s);
    }
}
