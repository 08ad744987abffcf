package org.dadiff4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dadiff4j.DadiffException;
import org.dadiff4j.data.Corpora;
import org.dadiff4j.train.KernelTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dadiff train kernel}: the blur-kernel estimator of the explicit ablations (paper Table 5). */
@Command(name = "kernel", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = TrainKernelCommand.Defaults.class, description = {
    "Train the kernel estimator (LR image -> normalised blur kernel) on the first-stage kernels that the",
    "degradation pipeline records for pairs made on the fly from photos.",
    "Writes OUT/kernel-estimator.safetensors + .json (averaged weights, loadable with --kernel-estimator), "
            + "OUT/checkpoints/ and OUT/loss.csv."})
final class TrainKernelCommand implements Callable<Integer> {

    static final class Defaults extends TrainOptions.Defaults {
        Defaults() {
            super(10_000, 16, 1000);
        }
    }

    @Mixin TrainOptions run;

    @Option(names = "--scale", defaultValue = "4", description = "2, 4 or 8 (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--crop", defaultValue = "128", description = "HR crop size (default: ${DEFAULT-VALUE}).")
    int crop;

    @Option(names = "--lr", defaultValue = "2e-4", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--loss", defaultValue = "L1", description = "L1 or KL (default: ${DEFAULT-VALUE}).")
    KernelTrainer.Loss loss;

    @Option(names = "--width", defaultValue = "32", description = "Channels of the estimator (default: ${DEFAULT-VALUE}).")
    int width;

    @Mixin RecipeOption recipe;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue from a checkpoint (OUT/checkpoints/step-N.safetensors); its settings are used, "
                    + "--steps may extend the run.")
    Path resume;

    @Option(names = "--val", paramLabel = "DIR",
            description = "A data set with LR/x<scale>/ and the true kernels in kernels/x<scale>/ (dadiff dataset build "
                    + "--kernels): the averaged estimator's mean kernel L1 goes to OUT/val.csv.")
    Path val;

    @Mixin TrainOptions.Shipped shipped;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (scale != 2 && scale != 4 && scale != 8) {
            throw new DadiffException("--scale must be 2, 4 or 8, got " + scale);
        }
        if (Corpora.photosUnder(run.data).isEmpty()) {
            throw new DadiffException(run.data + ": no photos found");
        }
        KernelTrainer.Builder b = KernelTrainer.builder().setData(run.data).setOutput(run.out).optScale(scale)
                .optCrop(crop).optPipeline(recipe.pipeline("realesrgan")).optSteps(run.steps).optBatch(run.batch)
                .optLearningRate(lr).optSeed(run.seed).optLoss(loss).optWidth(width)
                .optCheckpointEvery(run.checkpointEvery).optResume(resume).optInit(run.init)
                .optMaxMinutes(run.maxMinutes).optWorkers(shipped.workers).optValidation(val)
                .optValidateEvery(shipped.valEvery).optStorage(shipped.storage());
        PrintWriter console = spec.commandLine().getOut();
        Path model = TrainCommand.withBar(console, bar -> b.optListener(bar).build().run());
        console.println("model: " + model + ".safetensors");
        return 0;
    }
}
