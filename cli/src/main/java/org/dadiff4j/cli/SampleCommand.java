package org.dadiff4j.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.pipeline.Defaults;
import org.dadiff4j.pipeline.PriorSamples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dadiff sample}: unconditional samples of a prior. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw unconditional samples from a diffusion prior (sanity check).")
final class SampleCommand implements Callable<Integer> {

    @Mixin PriorOptions prior;

    @Option(names = {"-n", "--count"}, description = "Number of samples (default: ${DEFAULT-VALUE}).", defaultValue = "4")
    int count;

    @Option(names = "--size", description = "Side of each sample in pixels (default: the prior's native size).")
    int size;

    @Option(names = "--steps", description = "Sampling steps (default: " + Defaults.STEPS + ").")
    int steps = Defaults.STEPS;

    @Option(names = "--eta", description = "DDIM eta (default: " + Defaults.ETA + ").")
    float eta = Defaults.ETA;

    @Option(names = "--seed", description = "Seed of the first sample; sample i uses seed + i (default: " + Defaults.SEED + ").")
    long seed = Defaults.SEED;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "samples",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path output;

    @Override
    public Integer call() {
        if (count < 1 || steps < 1 || steps > 1000) {
            throw new DadiffException("--count must be at least 1 and --steps between 1 and 1000");
        }
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw DadiffException.of(output, "cannot create the output folder: " + Problems.describe(e), e);
        }
        ProgressBars bars = new ProgressBars(new java.io.PrintWriter(System.err, true), ProgressBars.stderrIsTerminal());
        try (NDManager manager = NDManager.newBaseManager()) {
            DiffusionPrior p = prior.load(manager, "sample");
            int side = size > 0 ? size : p.imageSize();
            for (int i = 0; i < count; i++) {
                Path out = output.resolve(String.format("sample_%03d_seed%d.png", i, seed + i));
                bars.imageStarted(i, count, out.getFileName().toString(), steps);
                Picture pic = PriorSamples.draw(p, side, steps, eta, seed + i, bars);
                ImageFiles.write(pic, out);
                bars.imageDone(i, out.toString(), "written");
            }
        } finally {
            bars.close();
        }
        System.err.println("dadiff: " + count + " samples in " + output);
        return 0;
    }
}
