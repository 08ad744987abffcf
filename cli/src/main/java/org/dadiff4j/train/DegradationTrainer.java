package org.dadiff4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dadiff4j.DadiffException;
import org.dadiff4j.data.TrainingLoader;
import org.dadiff4j.data.TrainingPair;
import org.dadiff4j.degrade.DegradationPipeline;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.compact.CompactModel;
import org.dadiff4j.models.compact.CompactNet;
import org.dadiff4j.nn.Scalars;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.nn.Upsample;

/**
 * Trains a {@link CompactModel} on degraded pairs made on the fly ({@link TrainingLoader}) with the
 * loss of the paper's Eq. 9, {@code L1(Gr(y), x) + L1(Gd(x), y) + 0.1·L1(Gd(Gr(y)), y)}, all
 * conditioned on E(y), plus {@code readWeight·L1(pool(E(y))[:3], reading)}, which makes E read the
 * blur, noise and JPEG of its input ({@link DegradationReading}; not in the paper, whose Eq. 9 alone
 * left this project's E constant); Adam with linear warmup and cosine decay, global gradient-norm clipping,
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
    private static final float BETA2 = 0.99f;
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
        Checkpoint resume = TrainingLoop.checkpoint(b, KIND);
        RunSettings s = resume != null ? RunSettings.fromJson(resume.settings(), b.resume) : b.settings();
        Path shipped = b.output.resolve("model");
        new TrainingLoop(b, KIND, resume, s.toJson(), s.opt(), BETA2).run(
                TrainingLoader.builder().optPipeline(b.pipeline).optScale(s.config().scale()).optCropSize(s.crop())
                        .optDetail(s.detail()),
                manager -> new Task(s, shipped));
        return shipped;
    }

    /** The degradation model's part of the loop: two models, Eq. 9's loss, PSNR validation. */
    private final class Task implements TrainingLoop.Task {
        private final RunSettings s;
        private final Path shipped;
        private final List<Path> valDirs = new ArrayList<>();
        private final List<ValidationSet> val = new ArrayList<>();
        private final CompactModel model;
        private final CompactModel ema;

        Task(RunSettings s, Path shipped) {
            this.s = s;
            this.shipped = shipped;
            if (b.validation != null) {
                valDirs.add(b.validation);
            }
            valDirs.addAll(b.moreValidation);
            for (Path dir : valDirs) {
                val.add(ValidationSet.load(dir, s.config().scale(), s.crop(), b.validationCount, b.pipeline));
            }
            model = CompactModel.create(s.config(), s.opt().seed());
            ema = CompactModel.create(s.config(), s.opt().seed());
        }

        @Override
        public TorchBlock net() {
            return model.net();
        }

        @Override
        public TorchBlock average() {
            return ema.net();
        }

        @Override
        public String lossHeader() {
            return "step,loss,l1_restore,l1_degrade,l1_cycle,l1_read,lr,grad_norm";
        }

        /** Backpropagates the loss of one batch; returns {total, L1 restore, L1 degrade, L1 cycle, L1 read}. */
        @Override
        public double[] loss(long step, List<TrainingPair> batch, NDManager manager) {
            CompactNet net = model.net();
            double[] terms = new double[5];
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
                    NDArray total = l1[0].add(l1[1]).add(Scalars.mul(l1[2], CYCLE_WEIGHT));
                    NDArray read = reading(sub, r, batch);
                    if (s.readWeight() > 0) {
                        total = total.add(Scalars.mul(read, (float) s.readWeight()));
                    }
                    gc.backward(total);
                    terms[0] = total.getFloat();
                    for (int i = 0; i < 3; i++) {
                        terms[i + 1] = l1[i].getFloat();
                    }
                    terms[4] = read.getFloat();
                }
            }
            return terms;
        }

        @Override
        public String validationHeader() {
            return val.isEmpty() ? null : ValidationSet.header(valDirs);
        }

        @Override
        public double[] validate(NDManager manager) {
            double[] psnr = new double[2 * val.size()];
            for (int i = 0; i < val.size(); i++) {
                System.arraycopy(val.get(i).evaluate(ema, manager), 0, psnr, 2 * i, 2);
            }
            return psnr;
        }

        @Override
        public void ship(long step) {
            ema.save(shipped, b.storage);
        }

        @Override
        public void close() {
            try (model; ema) {
                // both models hold their own managers
            }
        }
    }

    /** L1 between E's first channels, pooled over the image, and what the pipeline did to each pair. */
    private static NDArray reading(NDManager m, NDArray r, List<TrainingPair> batch) {
        int n = batch.size();
        NDArray pooled = r.mean(new int[] {3}).mean(new int[] {2}).get(":, :" + DegradationReading.SIZE);
        float[] truth = DegradationReading.of(batch.stream().map(p -> p.degraded).toList());
        return l1(pooled, m.create(truth, new Shape(n, DegradationReading.SIZE)));
    }

    private static NDArray l1(NDArray a, NDArray b) {
        return a.sub(b).abs().mean();
    }

    /** Settings; {@code set*} are required, {@code opt*} optional. */
    public static final class Builder extends RunBuilder<Builder> {
        private CompactConfig config = CompactConfig.defaults();
        private int scale;
        private int crop = 128;
        private double readWeight = 0.1;
        private double detail;
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

        /** Weight of the loss on E's reading of the degradation (default 0.1; 0 is the paper's Eq. 9). */
        public Builder optReadWeight(double readWeight) {
            this.readWeight = readWeight;
            return this;
        }

        public Builder optPipeline(DegradationPipeline pipeline) {
            this.pipeline = pipeline;
            return this;
        }

        /** Prefers detailed crops ({@link TrainingLoader.Builder#optDetail}; default 0, every crop). */
        public Builder optDetail(double ref) {
            this.detail = ref;
            return this;
        }

        RunSettings settings() {
            CompactConfig c = scale > 0 ? config.withScale(scale) : config;
            try {
                return new RunSettings(c, crop, optimizer(), readWeight, detail);
            } catch (IllegalArgumentException e) {
                throw new DadiffException(e.getMessage(), e);
            }
        }

        public DegradationTrainer build() {
            check();
            if (resume == null) {
                settings(); // fail before loading any data
            }
            return new DegradationTrainer(this);
        }
    }
}
