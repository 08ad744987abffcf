package org.dadiff4j.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.dadiff4j.DadiffException;
import org.dadiff4j.data.Corpora;
import org.dadiff4j.data.TrainingLoader;
import org.dadiff4j.train.kernel.KernelTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dadiff train kernel}: the blur-kernel estimator of the explicit ablations (paper Table 5). */
@Command(name = "kernel", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = TrainKernelCommand.Defaults.class, description = {
    "Train the kernel estimator (LR image -> normalised blur kernel) on the first-stage kernels that the",
    "degradation pipeline records for pairs made on the fly from photos.",
    "Writes OUT/kernel-estimator.safetensors + .json (latest) and one pair per checkpoint, each with",
    "Adam's moments beside it (.adam.safetensors) so that --resume repeats an unbroken run."})
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

    @Option(names = "--lr", defaultValue = "2e-4", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--loss", defaultValue = "L1", description = "L1 or KL (default: ${DEFAULT-VALUE}).")
    KernelTrainer.Loss loss;

    @Option(names = "--width", defaultValue = "32", description = "Channels of the estimator (default: ${DEFAULT-VALUE}).")
    int width;

    @Mixin RecipeOption recipe;

    @Option(names = "--resume", paramLabel = "FILE", description = "Continue from a checkpoint (.safetensors).")
    Path resume;

    @Override
    public Integer call() {
        int steps = run.asInt("--steps", run.steps);
        int checkpointEvery = run.asInt("--checkpoint-every", run.checkpointEvery);
        if (scale != 2 && scale != 4 && scale != 8) {
            throw new DadiffException("--scale must be 2, 4 or 8, got " + scale);
        }
        List<Path> photos = Corpora.photosUnder(new ArrayList<>(run.data));
        if (photos.isEmpty()) {
            throw new DadiffException(run.data + ": no photos found");
        }
        TrainingLoader.Builder loader = TrainingLoader.builder().setImages(photos).optScale(scale).optCropSize(crop)
                .optPipeline(recipe.pipeline("realesrgan"));
        KernelTrainer.Builder b = KernelTrainer.builder().setData(loader).optOutput(run.out).optSteps(steps)
                .optBatchSize(run.batch).optLearningRate(lr).optSeed(run.seed).optLoss(loss).optWidth(width)
                .optCheckpointEvery(checkpointEvery);
        if (resume != null) {
            b.optResume(resume);
        }
        int start = resume == null ? 0 : KernelTrainer.resumedStep(resume);
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("train kernel").setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .showSpeed().setUnit(" it", 1).startsFrom(start, java.time.Duration.ZERO).build();
                NDManager manager = NDManager.newBaseManager()) {
            b.optListener(new KernelTrainer.Listener() {
                @Override
                public void onStep(KernelTrainer.StepReport r) {
                    bar.stepTo(r.step());
                    bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", r.loss()));
                }

                @Override
                public void onCheckpoint(int step, Path base) {
                    System.out.println("checkpoint " + step + ": " + base);
                }
            });
            b.build().train(manager);
        }
        System.err.println("dadiff: kernel estimator in " + run.out);
        return 0;
    }
}
