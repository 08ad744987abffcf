package org.dadiff4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.dadiff4j.JsonFiles;
import org.dadiff4j.models.adm.AdmConfig;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.train.DegradationTrainer;
import org.dadiff4j.train.PriorTrainer;
import org.dadiff4j.train.TrainListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    @Command(name = "degradation", mixinStandardHelpOptions = true,
            defaultValueProvider = Degradation.Defaults.class, description = {
        "Train a compact degradation-aware model (E, Gd, Gr) with the loss of the paper's Eq. 9 on pairs "
                + "degraded on the fly from photos.",
        "Writes OUT/model.safetensors + model.json (EMA weights), OUT/checkpoints/, OUT/loss.csv and OUT/val.csv."})
    static final class Degradation implements Callable<Integer> {

        static final class Defaults extends TrainOptions.Defaults {
            Defaults() {
                super(2000, 8, 500);
            }
        }

        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Mixin TrainOptions run;

        @Mixin TrainOptions.Shipped shipped;

        @Mixin RecipeOption recipe;

        @Option(names = "--val", paramLabel = "DIR",
                description = "Held-out photos, or a data set with HR/ and LR/x<scale>/; repeatable (each is "
                        + "scored on its own).")
        List<Path> val = List.of();

        @Option(names = "--config", paramLabel = "JSON",
                description = "Model config (scale, channels, blocks, encoderChannels, encoderBlocks, reprChannels, "
                        + "lqAtHrSize); missing keys take the defaults.")
        Path config;

        @Option(names = "--scale", description = "2, 4 or 8 (overrides the config's scale; default 4).")
        Integer scale;

        @Option(names = "--crop", defaultValue = "128", description = "HR crop size (default: ${DEFAULT-VALUE}).")
        int crop;

        @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--read-weight", paramLabel = "W", description = "Weight of the loss that makes E read the "
                + "blur, noise and JPEG of each training pair (default 0.1; 0 trains on the paper's Eq. 9 alone).")
        Double readWeight;

        @Option(names = "--detail", paramLabel = "REF", defaultValue = "0", description = "Prefer detailed crops: "
                + "a crop whose mean |Laplacian| of luma (8-bit levels) is under REF is kept with probability "
                + "detail/REF, else drawn again (default: ${DEFAULT-VALUE}, every crop; typical photos: 3-15).")
        double detail;

        @Option(names = "--resume", paramLabel = "FILE",
                description = "Continue from a checkpoint; its model config, seed, batch, crop, learning rate and "
                        + "detail reference are used, --steps may extend the run.")
        Path resume;

        @Override
        public Integer call() {
            CompactConfig c = config == null ? CompactConfig.defaults() : CompactConfig.read(config);
            DegradationTrainer.Builder b = DegradationTrainer.builder().setData(run.data).setOutput(run.out)
                    .optValidation(val.isEmpty() ? null : val.get(0)).optMoreValidation(val.subList(Math.min(1,
                            val.size()), val.size())).optConfig(c).optCrop(crop).optBatch(run.batch).optSteps(run.steps)
                    .optLearningRate(lr).optSeed(run.seed).optCheckpointEvery(run.checkpointEvery)
                    .optValidateEvery(shipped.valEvery).optResume(resume).optWorkers(shipped.workers)
                    .optStorage(shipped.storage()).optPipeline(recipe.pipeline("mixed")).optInit(run.init)
                    .optMaxMinutes(run.maxMinutes).optDetail(detail);
            if (readWeight != null) {
                b.optReadWeight(readWeight);
            }
            if (scale != null) {
                b.optScale(scale);
            }
            PrintWriter console = spec.commandLine().getOut();
            Path model = withBar(console, bar -> b.optListener(bar).build().run());
            console.println("model: " + model + ".safetensors");
            return 0;
        }
    }

    /** {@code dadiff train prior}: an ADM diffusion prior (ε-prediction) on crops of photos. */
    @Command(name = "prior", mixinStandardHelpOptions = true, defaultValueProvider = Prior.Defaults.class,
            description = {
        "Train an unconditional diffusion prior (guided-diffusion's UNet, epsilon prediction, fixed variance) "
                + "with DDPM's loss on crops of photos.",
        "Writes OUT/model.safetensors + model.json (EMA weights and create_model flags, loadable with --prior), "
                + "OUT/checkpoints/, OUT/loss.csv and OUT/val.csv (epsilon-MSE at t = 100, 500, 900)."})
    static final class Prior implements Callable<Integer> {

        static final class Defaults extends TrainOptions.Defaults {
            Defaults() {
                super(5000, 8, 500);
            }
        }

        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Mixin TrainOptions run;

        @Mixin TrainOptions.Shipped shipped;

        @Option(names = "--val", paramLabel = "DIR", description = "Held-out photos for validation.")
        Path val;

        @Option(names = "--config", paramLabel = "JSON",
                description = "guided-diffusion create_model flags (default: the compact 64x64 prior); "
                        + "learn_sigma must be false. Its \"tile\" and \"tile_overlap\" (else --init's) "
                        + "go into the shipped config.")
        Path config;

        @Option(names = "--crop", description = "Crop size, which becomes the config's image_size "
                + "(default: the config's image_size).")
        Integer crop;

        @Option(names = "--prescale", defaultValue = "0.5",
                description = "Shrink photos by this factor before cropping (default: ${DEFAULT-VALUE}).")
        double prescale;

        @Option(names = "--lr", defaultValue = "2e-4", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--focus-below", defaultValue = "1000", paramLabel = "T",
                description = "With --focus-share, the timesteps to train more often: 0 to T-1 "
                        + "(default: ${DEFAULT-VALUE}).")
        int focusBelow;

        @Option(names = "--focus-share", defaultValue = "0", paramLabel = "P",
                description = "Share of the timesteps drawn below --focus-below, the rest over all 1000 "
                        + "(default: ${DEFAULT-VALUE}, DDPM's uniform draw).")
        double focusShare;

        @Option(names = "--val-count", defaultValue = "32", paramLabel = "N",
                description = "Crops cut from the validation photos (default: ${DEFAULT-VALUE}).")
        int valCount;

        @Option(names = "--resume", paramLabel = "FILE",
                description = "Continue from a checkpoint; its config, seed, batch, prescale and learning rate "
                        + "are used, --steps may extend the run.")
        Path resume;

        @Override
        public Integer call() {
            PriorTrainer.Builder b = PriorTrainer.builder().setData(run.data).setOutput(run.out).optValidation(val)
                    .optValidationCount(valCount).optPrescale(prescale).optBatch(run.batch).optSteps(run.steps)
                    .optLearningRate(lr).optSeed(run.seed).optCheckpointEvery(run.checkpointEvery)
                    .optValidateEvery(shipped.valEvery).optResume(resume).optWorkers(shipped.workers)
                    .optStorage(shipped.storage()).optInit(run.init).optMaxMinutes(run.maxMinutes)
                    .optTimestepFocus(focusBelow, focusShare);
            if (config != null) {
                b.optConfig(AdmConfig.fromJson(config)).optTiling(JsonFiles.readObject(config, "prior config"));
            }
            if (crop != null) {
                b.optCrop(crop);
            }
            PrintWriter console = spec.commandLine().getOut();
            Path model = withBar(console, bar -> b.optListener(bar).build().run());
            console.println("model: " + model);
            return 0;
        }
    }

    /** Runs a trainer with a {@link Bar} as its listener, closing the bar however the run ends. */
    static Path withBar(PrintWriter console, Function<TrainListener, Path> run) {
        Bar bar = new Bar(console);
        try {
            return run.apply(bar);
        } finally {
            bar.close();
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

        @Override
        public void stoppedEarly(long step, long last, Path file) {
            console.println("step " + step + " of " + last + ": stopped (time budget spent or asked to exit); continue with "
                    + "--resume " + file);
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
