package org.dadiff4j.cli;

import ai.djl.ndarray.types.DataType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.dadiff4j.degrade.DegradationPipeline;
import org.dadiff4j.degrade.Recipe;
import org.dadiff4j.models.adm.AdmConfig;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.train.DegradationTrainer;
import org.dadiff4j.train.PriorTrainer;
import org.dadiff4j.train.TrainListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dadiff train}: Train the degradation-aware models, the kernel estimator or a prior. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the degradation-aware models, the kernel estimator or a prior.",
        subcommands = {TrainCommand.Degradation.class, TrainKernelCommand.class, TrainCommand.Prior.class})
final class TrainCommand implements Runnable {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "Missing what to train (degradation, kernel, prior)");
    }

    /** {@code dadiff train degradation}: a compact E/Gd/Gr model on degraded pairs made on the fly. */
    @Command(name = "degradation", mixinStandardHelpOptions = true, description = {
        "Train a compact degradation-aware model (E, Gd, Gr) with the loss of the paper's Eq. 9 on pairs "
                + "degraded on the fly from photos.",
        "Writes OUT/model.safetensors + model.json (EMA weights), OUT/checkpoints/, OUT/loss.csv and OUT/val.csv."})
    static final class Degradation implements Callable<Integer> {

        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--data", required = true, paramLabel = "DIR",
                description = "Training photos: a folder (searched recursively) or a file; repeatable.")
        List<Path> data;

        @Option(names = "--val", paramLabel = "DIR",
                description = "Held-out photos, or a data set with HR/ and LR/x<scale>/.")
        Path val;

        @Option(names = "--out", defaultValue = "runs/degradation", paramLabel = "DIR",
                description = "Output folder (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--config", paramLabel = "JSON",
                description = "Model config (scale, channels, blocks, encoderChannels, encoderBlocks, reprChannels, "
                        + "lqAtHrSize); missing keys take the defaults.")
        Path config;

        @Option(names = "--scale", description = "2, 4 or 8 (overrides the config's scale; default 4).")
        Integer scale;

        @Option(names = "--crop", defaultValue = "128", description = "HR crop size (default: ${DEFAULT-VALUE}).")
        int crop;

        @Option(names = "--batch", defaultValue = "8", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--steps", defaultValue = "2000", description = "Total steps (default: ${DEFAULT-VALUE}).")
        long steps;

        @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--seed", defaultValue = "0", description = "Seed of weights and data (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--recipe", paramLabel = "JSON",
                description = "Degradation recipe merged over Real-ESRGAN's (default: Real-ESRGAN's).")
        Path recipe;

        @Option(names = "--checkpoint-every", defaultValue = "500", paramLabel = "N",
                description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
        long checkpointEvery;

        @Option(names = "--val-every", defaultValue = "250", paramLabel = "N",
                description = "Steps between validations (default: ${DEFAULT-VALUE}).")
        long valEvery;

        @Option(names = "--resume", paramLabel = "FILE",
                description = "Continue from a checkpoint; its model config, seed, batch, crop and learning rate "
                        + "are used, --steps may extend the run.")
        Path resume;

        @Option(names = "--fp16", description = "Store the shipped weights as float16.")
        boolean fp16;

        @Option(names = "--workers", defaultValue = "1", description = "Threads degrading training pairs "
                + "(default: ${DEFAULT-VALUE}).")
        int workers;


        @Override
        public Integer call() {
            PrintWriter console = spec.commandLine().getOut();
            CompactConfig c = config == null ? CompactConfig.defaults() : CompactConfig.read(config);
            DegradationTrainer.Builder b = DegradationTrainer.builder().setData(data).setOutput(out)
                    .optValidation(val).optConfig(c).optCrop(crop).optBatch(batch).optSteps(steps)
                    .optLearningRate(lr).optSeed(seed).optCheckpointEvery(checkpointEvery)
                    .optValidateEvery(valEvery).optResume(resume).optWorkers(workers)
                    .optStorage(fp16 ? DataType.FLOAT16 : DataType.FLOAT32);
            if (scale != null) {
                b.optScale(scale);
            }
            if (recipe != null) {
                b.optPipeline(DegradationPipeline.fromRecipe(Recipe.load(recipe)));
            }
            Bar bar = new Bar(console);
            Path model;
            try {
                model = b.optListener(bar).build().run();
            } finally {
                bar.close();
            }
            console.println("model: " + model + ".safetensors");
            return 0;
        }
    }

    /** {@code dadiff train prior}: an ADM diffusion prior (ε-prediction) on crops of photos. */
    @Command(name = "prior", mixinStandardHelpOptions = true, description = {
        "Train an unconditional diffusion prior (guided-diffusion's UNet, epsilon prediction, fixed variance) "
                + "with DDPM's loss on crops of photos.",
        "Writes OUT/model.safetensors + model.json (EMA weights and create_model flags, loadable with --prior), "
                + "OUT/checkpoints/, OUT/loss.csv and OUT/val.csv (epsilon-MSE at t = 100, 500, 900)."})
    static final class Prior implements Callable<Integer> {

        @Option(names = "--data", required = true, paramLabel = "DIR",
                description = "Training photos: a folder (searched recursively) or a file; repeatable.")
        List<Path> data;

        @Option(names = "--val", paramLabel = "DIR", description = "Held-out photos for validation.")
        Path val;

        @Option(names = "--out", defaultValue = "runs/prior", paramLabel = "DIR",
                description = "Output folder (default: ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--config", paramLabel = "JSON",
                description = "guided-diffusion create_model flags (default: the compact 64x64 prior); "
                        + "learn_sigma must be false.")
        Path config;

        @Option(names = "--crop", description = "Crop size, which becomes the config's image_size "
                + "(default: the config's image_size).")
        Integer crop;

        @Option(names = "--prescale", defaultValue = "0.5",
                description = "Shrink photos by this factor before cropping (default: ${DEFAULT-VALUE}).")
        double prescale;

        @Option(names = "--batch", defaultValue = "8", description = "Batch size (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--steps", defaultValue = "5000", description = "Total steps (default: ${DEFAULT-VALUE}).")
        long steps;

        @Option(names = "--lr", defaultValue = "2e-4", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--seed", defaultValue = "0",
                description = "Seed of weights, crops and noise (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--checkpoint-every", defaultValue = "500", paramLabel = "N",
                description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
        long checkpointEvery;

        @Option(names = "--val-every", defaultValue = "250", paramLabel = "N",
                description = "Steps between validations (default: ${DEFAULT-VALUE}).")
        long valEvery;

        @Option(names = "--val-count", defaultValue = "32", paramLabel = "N",
                description = "Crops cut from the validation photos (default: ${DEFAULT-VALUE}).")
        int valCount;

        @Option(names = "--resume", paramLabel = "FILE",
                description = "Continue from a checkpoint; its config, seed, batch, prescale and learning rate "
                        + "are used, --steps may extend the run.")
        Path resume;

        @Option(names = "--fp16", description = "Store the shipped weights as float16.")
        boolean fp16;

        @Option(names = "--workers", defaultValue = "1", description = "Threads cutting training crops "
                + "(default: ${DEFAULT-VALUE}).")
        int workers;

        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter console = spec.commandLine().getOut();
            PriorTrainer.Builder b = PriorTrainer.builder().setData(data).setOutput(out).optValidation(val)
                    .optValidationCount(valCount).optPrescale(prescale).optBatch(batch).optSteps(steps)
                    .optLearningRate(lr).optSeed(seed).optCheckpointEvery(checkpointEvery).optValidateEvery(valEvery)
                    .optResume(resume).optWorkers(workers).optStorage(fp16 ? DataType.FLOAT16 : DataType.FLOAT32);
            if (config != null) {
                b.optConfig(AdmConfig.fromJson(config));
            }
            if (crop != null) {
                b.optCrop(crop);
            }
            Bar bar = new Bar(console);
            Path model;
            try {
                model = b.optListener(bar).build().run();
            } finally {
                bar.close();
            }
            console.println("model: " + model);
            return 0;
        }
    }

    /** Progress bar with loss, it/s and ETA on stderr; validations and checkpoints as lines on stdout. */
    private static final class Bar implements TrainListener {
        private final PrintWriter console;
        private ProgressBar bar;

        Bar(PrintWriter console) {
            this.console = console;
        }

        @Override
        public void started(long first, long last) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(last)
                    .startsFrom(first - 1, Duration.ZERO).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500).setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .showSpeed(new DecimalFormat("0.00")).setUnit(" it", 1).build();
        }

        @Override
        public void stepDone(StepStats s) {
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", s.loss()));
            bar.stepTo(s.step());
        }

        @Override
        public void validated(long step, Map<String, Double> scores) {
            StringBuilder sb = new StringBuilder("step " + step + ": validation");
            scores.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.4g", k, v)));
            console.println(sb);
            console.flush();
        }

        @Override
        public void checkpointSaved(long step, Path file) {
            console.println("step " + step + ": checkpoint " + file);
            console.flush();
        }

        void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
