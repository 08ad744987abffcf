package org.dadiff4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dadiff4j.DadiffException;
import org.dadiff4j.data.DegradeFiles;
import org.dadiff4j.data.Seeds;
import org.dadiff4j.degrade.DegradationPipeline;
import org.dadiff4j.pipeline.Inputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dadiff degrade}: synthesise realistic LR images from HR photos. */
@Command(name = "degrade", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Synthesise realistic LR images from HR photos with the second-order degradation",
            "pipeline (Real-ESRGAN / BSRGAN style): blur, resize, noise, JPEG, twice, then sinc and resize."})
final class DegradeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Photo files, folders or globs.")
    List<String> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "degraded",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--scale", defaultValue = "4", description = "2, 4 or 8 (default: ${DEFAULT-VALUE}).")
    int scale;

    @Mixin RecipeOption recipe;

    @Option(names = "--seed", defaultValue = "0", description = "Base seed; image i uses a seed derived from it and i.")
    long seed;

    @Option(names = "--record", description = "Also write each sample's parameters (.json) and blur kernel (.kernel.npy).")
    boolean record;

    @Override
    public Integer call() {
        if (scale != 2 && scale != 4 && scale != 8) {
            throw new DadiffException("--scale must be 2, 4 or 8, got " + scale);
        }
        DegradationPipeline pipeline = recipe.pipeline("realesrgan");
        List<Inputs.Item> items = Inputs.resolve(inputs);
        for (int i = 0; i < items.size(); i++) {
            Inputs.Item it = items.get(i);
            Path out = output.resolve(it.name + ".png");
            DegradeFiles.degrade(pipeline, it.file, out, scale, Seeds.of(seed, i), record);
        }
        System.err.println("dadiff: " + items.size() + " degraded images in " + output);
        return 0;
    }
}
