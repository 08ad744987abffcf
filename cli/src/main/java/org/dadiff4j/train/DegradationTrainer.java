package org.dadiff4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;
import org.dadiff4j.data.TrainingLoader;
import org.dadiff4j.data.TrainingPair;
import org.dadiff4j.degrade.DegradationPipeline;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.compact.CompactModel;
import org.dadiff4j.models.compact.CompactNet;
import org.dadiff4j.nn.Upsample;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.StrictLoader;
import org.dadiff4j.weights.WeightsFile;

/**
 * Trains a {@link CompactModel} on degraded pairs made on the fly ({@link TrainingLoader}) with the
 * loss of the paper's Eq. 9, {@code L1(Gr(y), x) + L1(Gd(x), y) + 0.1·L1(Gd(Gr(y)), y)}, all
 * conditioned on E(y); Adam with linear warmup and cosine decay, global gradient-norm clipping,
 * and an exponential moving average of the weights, which is what ships.
 *
 * <p>Output folder: {@code model.safetensors} + {@code model.json} (the EMA weights, rewritten at
 * every checkpoint), {@code checkpoints/step-NNNNNN.safetensors}, {@code loss.csv} and
 * {@code val.csv} (step 0 is the untrained model: bilinear up and area down).
 *
 * <p>Reproducible: weights are initialised from the seed in Java, pair {@code i} depends only on
 * the seed and {@code i}, and the run happens on the calling thread (PyTorch records gradients per
 * thread), so the same settings give the same losses, and a run resumed from a checkpoint repeats
 * the losses of the uninterrupted run. A resumed run takes its settings from the checkpoint; only
 * the number of steps, the folders and the reporting intervals come from the builder.
 */
public final class DegradationTrainer {

    private static final float CYCLE_WEIGHT = 0.1f;
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.99f;
    private static final float EPS = 1e-8f;
    private static final double MIN_LR_RATIO = 0.01;
    private static final String KIND = "compact-degradation-training";

    private final Builder b;

    private DegradationTrainer(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the training and returns the base path of the shipped (EMA) model. */
    public Path run() {
        TimeBudget budget = new TimeBudget(b.maxMinutes);
        Checkpoint resume = b.resume == null ? null : Checkpoint.read(b.resume, KIND);
        RunSettings s = resume != null ? RunSettings.fromJson(resume.settings(), b.resume) : b.settings();
        long start = resume != null ? resume.step() : 0;
        long steps = b.steps;
        if (start >= steps) {
            throw DadiffException.of(b.resume, "the run is already at step " + start + " of " + steps
                    + "; ask for more steps to continue it");
        }
        Path checkpoints = b.output.resolve("checkpoints");
        try {
            Files.createDirectories(checkpoints);
        } catch (IOException e) {
            throw DadiffException.of(checkpoints, "cannot create: " + Problems.describe(e), e);
        }
        int scale = s.config().scale();
        List<Path> valDirs = new ArrayList<>();
        if (b.validation != null) {
            valDirs.add(b.validation);
        }
        valDirs.addAll(b.moreValidation);
        List<ValidationSet> val = new ArrayList<>();
        for (Path dir : valDirs) {
            val.add(ValidationSet.load(dir, scale, s.crop(), b.validationCount, b.pipeline));
        }
        Schedule schedule = new Schedule(s.opt().lr(), s.opt().warmup(), steps, MIN_LR_RATIO);
        Path shipped = b.output.resolve("model");
        try (TrainingLoader loader = TrainingLoader.builder().setImages(b.data).optPipeline(b.pipeline)
                        .optScale(scale).optCropSize(s.crop()).optSeed(s.opt().seed())
                        .optStartIndex(resume != null ? resume.nextPair() : 0).optWorkers(b.workers).build();
                CompactModel model = CompactModel.create(s.config(), s.opt().seed());
                CompactModel ema = CompactModel.create(s.config(), s.opt().seed());
                NDManager manager = NDManager.newBaseManager();
                CsvLog losses = new CsvLog(b.output.resolve("loss.csv"),
                        "step,loss,l1_restore,l1_degrade,l1_cycle,lr,grad_norm", start);
                CsvLog vals = val.isEmpty() ? null
                        : new CsvLog(b.output.resolve("val.csv"), ValidationSet.header(valDirs), start)) {
            Map<String, Parameter> params = model.net().stateDict();
            Optimizer opt = new Optimizer(params, ema.net().stateDict(), manager, BETA1, BETA2, EPS, s.opt().clipNorm(),
                    s.opt().emaDecay());
            if (resume != null) {
                opt.restore(resume.tensors(), start);
            }
            params.values().forEach(p -> p.getArray().setRequiresGradient(true));
            b.listener.started(start + 1, steps);
            if (resume == null && b.init != null) {
                StateDict init = WeightsFile.read(WeightsFile.weightsPath(b.init));
                StrictLoader.load(model.net(), init, manager);
                StrictLoader.load(ema.net(), init, manager);
            }
            if (!val.isEmpty() && start == 0) {
                validate(0, val, ema, manager, vals);
            }
            for (long step = start + 1; step <= steps; step++) {
                List<TrainingPair> batch = new ArrayList<>();
                for (int i = 0; i < s.opt().batch(); i++) {
                    batch.add(loader.next());
                }
                double[] terms = losses(step, batch, s, model.net(), manager);
                double lr = schedule.at(step);
                double norm = opt.step(step, lr);
                losses.row(step, terms[0], terms[1], terms[2], terms[3], lr, norm);
                b.listener.stepDone(new TrainListener.StepStats(step, terms[0], lr, norm));
                if (!val.isEmpty() && (step % b.validateEvery == 0 || step == steps)) {
                    validate(step, val, ema, manager, vals);
                }
                budget.stepDone();
                boolean stop = step < steps && budget.exhausted();
                if (step % b.checkpointEvery == 0 || step == steps || stop) {
                    losses.flush();
                    Path file = checkpoints.resolve(String.format(Locale.ROOT, "step-%06d.safetensors", step));
                    new Checkpoint(KIND, step, step * s.opt().batch(), s.toJson(), opt.checkpointTensors()).write(file);
                    ema.save(shipped, b.storage);
                    b.listener.checkpointSaved(step, file);
                    if (stop) {
                        b.listener.stoppedEarly(step, steps, file);
                        break;
                    }
                }
            }
        }
        return shipped;
    }

    /** Backpropagates the loss of one batch; returns {total, L1 restore, L1 degrade, L1 cycle}. */
    private static double[] losses(long step, List<TrainingPair> batch, RunSettings s, CompactNet net,
            NDManager manager) {
        double[] terms = new double[4];
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = Batches.of(sub, batch.stream().map(p -> p.hr).toList());
            NDArray y = Batches.of(sub, batch.stream().map(p -> p.lr).toList());
            if (net.config().lqAtHrSize()) {
                y = Upsample.bilinear(y, s.crop(), s.crop());
            }
            ParameterStore ps = new ParameterStore(sub, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray r = net.encode(ps, y, true);
                NDArray restored = net.restore(ps, y, r, true);
                NDArray[] l1 = {
                    l1(restored, x), l1(net.degrade(ps, x, r, true), y), l1(net.degrade(ps, restored, r, true), y)};
                NDArray total = l1[0].add(l1[1]).add(l1[2].mul(CYCLE_WEIGHT));
                gc.backward(total);
                terms[0] = total.getFloat();
                for (int i = 0; i < 3; i++) {
                    terms[i + 1] = l1[i].getFloat();
                }
            }
        }
        if (!Double.isFinite(terms[0])) {
            throw new DadiffException("training diverged at step " + step + " (loss " + terms[0]
                    + "); try a lower learning rate");
        }
        return terms;
    }

    private static NDArray l1(NDArray a, NDArray b) {
        return a.sub(b).abs().mean();
    }

    private void validate(long step, List<ValidationSet> sets, CompactModel ema, NDManager manager, CsvLog log) {
        double[] psnr = new double[2 * sets.size()];
        for (int i = 0; i < sets.size(); i++) {
            System.arraycopy(sets.get(i).evaluate(ema, manager), 0, psnr, 2 * i, 2);
        }
        log.row(step, psnr);
        log.flush();
        b.listener.validated(step, log.named(psnr));
    }

    /** Settings; {@code set*} are required, {@code opt*} optional. */
    public static final class Builder extends RunBuilder<Builder> {
        private CompactConfig config = CompactConfig.defaults();
        private int scale;
        private int crop = 128;
        private List<Path> moreValidation = List.of();
        private DegradationPipeline pipeline = DegradationPipeline.defaults();

        /** Further validation sets beside {@link #optValidation}, each scored on its own in val.csv. */
        public Builder optMoreValidation(List<Path> dirs) {
            this.moreValidation = List.copyOf(dirs);
            return this;
        }

        /** Defaults of this trainer: 16 validation crops, 2000 steps, peak learning rate 1e-3. */
        Builder() {
            super(16, 2000, 1e-3);
        }

        public Builder optConfig(CompactConfig config) {
            this.config = config;
            return this;
        }

        /** Overrides the config's scale. */
        public Builder optScale(int scale) {
            this.scale = scale;
            return this;
        }

        /** HR crop size (default 128), a multiple of the scale. */
        public Builder optCrop(int crop) {
            this.crop = crop;
            return this;
        }

        public Builder optPipeline(DegradationPipeline pipeline) {
            this.pipeline = pipeline;
            return this;
        }

        RunSettings settings() {
            CompactConfig c = scale > 0 ? config.withScale(scale) : config;
            try {
                return new RunSettings(c, crop, optimizer());
            } catch (IllegalArgumentException e) {
                throw new DadiffException(e.getMessage(), e);
            }
        }

        public DegradationTrainer build() {
            if (data == null || output == null) {
                throw new IllegalArgumentException("the trainer needs data and an output folder");
            }
            if (steps < 1 || checkpointEvery < 1 || validateEvery < 1 || validationCount < 1 || workers < 1) {
                throw new DadiffException("steps, intervals, validation count and workers must be positive");
            }
            if (resume == null) {
                settings(); // fail before loading any data
            }
            return new DegradationTrainer(this);
        }
    }
}
