package org.dadiff4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dadiff4j.DadiffException;
import org.dadiff4j.data.Corpora;
import org.dadiff4j.data.DatasetBuilder;
import org.dadiff4j.data.Manifest;
import org.dadiff4j.degrade.DegradationPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dadiff dataset}: data sets from folders of photos. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Build HR crops and LR/HR pairs from folders of photos.",
        subcommands = DatasetCommand.Build.class)
final class DatasetCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (build)");
    }

    /** {@code dadiff dataset build}. */
    @Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Cut HR crops from photos and degrade them into the paper's layout:",
                "OUT/HR/NAME.png, OUT/LR/x<s>/NAME.png, OUT/manifest.json (and kernels with --kernels)."})
    static final class Build implements Callable<Integer> {

        @Parameters(arity = "0..*", paramLabel = "SOURCE", description = "Folders or photo files (.jpg, .png, .edj, ...).")
        List<Path> sources = new ArrayList<>();

        @Option(names = "--corpus", paramLabel = "train|val",
                description = "Use the curated photo list of a corpus fetched by scripts/fetch-corpora.sh (see ../shared/data/README.md).")
        String corpus;

        @Option(names = "--corpora-root", paramLabel = "DIR", defaultValue = "data/corpora",
                description = "Where scripts/fetch-corpora.sh unpacked the corpora (default: ${DEFAULT-VALUE}).")
        Path corporaRoot;

        @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "Output folder.")
        Path output;

        @Option(names = "--crop", defaultValue = "256", description = "HR crop side (default: ${DEFAULT-VALUE}).")
        int crop;

        @Option(names = "--prescale", defaultValue = "1.0",
                description = "Shrink photos by this factor first, with antialiasing (default: ${DEFAULT-VALUE}).")
        double prescale;

        @Option(names = "--random-crops", defaultValue = "0",
                description = "Random crops per photo; 0 cuts a non-overlapping grid (default).")
        int randomCrops;

        @Option(names = "--max-crops", defaultValue = "0", description = "Stop after this many crops (0: no limit).")
        int maxCrops;

        @Option(names = "--scales", split = ",", defaultValue = "4", description = "LR scales, e.g. 2,4,8 (default: ${DEFAULT-VALUE}).")
        int[] scales;

        @Mixin RecipeOption recipe;

        @Option(names = "--seed", defaultValue = "0", description = "Seed of crops and degradations.")
        long seed;

        @Option(names = "--kernels", description = "Also write each LR's first-stage blur kernel (.npy).")
        boolean kernels;

        @Override
        public Integer call() {
            for (int s : scales) {
                if (s != 2 && s != 4 && s != 8) {
                    throw new DadiffException("--scales takes 2, 4 or 8, got " + s);
                }
            }
            List<Path> photos = Corpora.photosUnder(new ArrayList<>(sources));
            if ("val".equals(corpus)) {
                photos.addAll(Corpora.validation(corporaRoot));
            } else if ("train".equals(corpus)) {
                photos.addAll(Corpora.training(corporaRoot));
            } else if (corpus != null) {
                throw new DadiffException("--corpus must be train or val, got " + corpus);
            }
            if (photos.isEmpty()) {
                throw new DadiffException(corpus != null
                        ? corporaRoot + ": no " + corpus + " photos found (run scripts/fetch-corpora.sh " + corpus + ")"
                        : sources + ": no photos found");
            }
            DatasetBuilder.Builder b = DatasetBuilder.builder()
                    .setSources(photos).setOutput(output).optCropSize(crop).optPrescale(prescale)
                    .optScales(scales).optSeed(seed).optWriteKernels(kernels)
                    .optPipeline(recipe.pipeline("realesrgan"))
                    .optLog(line -> System.err.println("dadiff: " + line));
            if (randomCrops > 0) {
                b.optRandomCrops(randomCrops);
            }
            if (maxCrops > 0) {
                b.optMaxCrops(maxCrops);
            }
            Manifest m = b.build().build();
            System.err.println("dadiff: " + m.entries.size() + " HR crops with LR pairs in " + output);
            return 0;
        }
    }
}
