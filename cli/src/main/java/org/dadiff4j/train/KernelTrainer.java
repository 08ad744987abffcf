package org.dadiff4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.dadiff4j.DadiffException;
import org.dadiff4j.data.TrainingLoader;
import org.dadiff4j.data.TrainingPair;
import org.dadiff4j.degrade.DegradationPipeline;
import org.dadiff4j.models.kernel.KernelEstimator;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.StrictLoader;
import org.dadiff4j.weights.WeightsFile;

/**
 * Trains a {@link KernelEstimator} on degraded pairs made on the fly: input the LR image, target
 * the first-stage blur kernel the degradation pipeline recorded ({@code Degraded.kernel}), loss L1
 * or KL between the predicted and true kernels. The loop, optimiser (Adam, β2 0.999, with warmup,
 * cosine decay and gradient-norm clipping), moving average, checkpoints, time budget and exact
 * resume are those of the other trainers ({@link TrainingLoop}); the average is what ships, as
 * for them. Validation needs the true kernels, so it reads a data set made with {@code dadiff
 * dataset build --kernels} ({@link KernelValidation}): val.csv has the average's mean kernel L1.
 *
 * <p>The softmax output cannot take the negative lobes of the sinc kernels the recipe draws now
 * and then, so on those samples the L1 loss keeps a floor (and the true kernel's L1 mass exceeds 1).
 *
 * <p>Output folder: {@code kernel-estimator.safetensors} + {@code .json} (the averaged weights,
 * loadable with {@link KernelEstimator#load}, the JSON also holding the run's settings and step
 * under {@code training}; rewritten at every checkpoint), {@code checkpoints/step-NNNNNN.safetensors},
 * {@code loss.csv} and, with validation, {@code val.csv}.
 */
public final class KernelTrainer {

    /** The loss between predicted kernel p and true kernel t, per sample (then averaged). */
    public enum Loss {
        /** sum |p - t| over the k*k weights, in [0, 2]. */
        L1,
        /** KL(t || p) = sum t (log t - log p). */
        KL
    }

    /** The base name of the shipped estimator under the output folder. */
    public static final String SHIPPED = "kernel-estimator";

    private static final String KIND = "kernel-estimator-training";
    /** torch's and DJL's default, which the estimator was first trained with. */
    private static final float BETA2 = 0.999f;

    private final Builder b;

    private KernelTrainer(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs the training and returns the base path of the shipped (averaged) estimator. */
    public Path run() {
        Checkpoint resume = TrainingLoop.checkpoint(b, KIND);
        KernelSettings s = resume != null ? KernelSettings.fromJson(resume.settings(), b.resume) : b.settings();
        Path shipped = b.output.resolve(SHIPPED);
        new TrainingLoop(b, KIND, resume, s.toJson(), s.opt(), BETA2).run(
                TrainingLoader.builder().optPipeline(b.pipeline).optScale(s.scale()).optCropSize(s.crop()),
                manager -> new Task(s, shipped, manager));
        return shipped;
    }

    /** The estimator's part of the loop. */
    private final class Task implements TrainingLoop.Task {
        private final KernelSettings s;
        private final Path shipped;
        private final KernelEstimator net;
        private final KernelEstimator ema;
        private final KernelValidation val;

        Task(KernelSettings s, Path shipped, NDManager manager) {
            this.s = s;
            this.shipped = shipped;
            net = fresh(s, manager);
            ema = fresh(s, manager);
            val = b.validation == null ? null : KernelValidation.load(b.validation, s.scale(), s.kernelSize());
        }

        /** An estimator with weights drawn from the run's seed in Java (PyTorch's default initialisation). */
        private static KernelEstimator fresh(KernelSettings s, NDManager manager) {
            KernelEstimator e = KernelEstimator.builder().optKernelSize(s.kernelSize()).optWidth(s.width())
                    .optScale(s.scale()).build();
            StrictLoader.load(e, StateDict.initial(e, s.opt().seed()), manager);
            return e;
        }

        @Override
        public TorchBlock net() {
            return net;
        }

        @Override
        public TorchBlock average() {
            return ema;
        }

        @Override
        public double[] loss(long step, List<TrainingPair> batch, NDManager manager) {
            int k = s.kernelSize();
            float[] kernels = new float[batch.size() * k * k];
            for (int i = 0; i < batch.size(); i++) {
                TrainingPair pair = batch.get(i);
                if (pair.degraded.kernel.size != k) {
                    throw new DadiffException("kernel training: the recipe records " + pair.degraded.kernel.size + "x"
                            + pair.degraded.kernel.size + " kernels but the estimator predicts " + k + "x" + k);
                }
                System.arraycopy(pair.degraded.kernel.w, 0, kernels, i * k * k, k * k);
            }
            try (NDManager sub = manager.newSubManager()) {
                NDArray x = Batches.of(sub, batch.stream().map(p -> p.lr).toList());
                NDArray t = sub.create(kernels, new Shape(batch.size(), (long) k * k));
                try (GradientCollector gc = sub.getEngine().newGradientCollector()) {
                    NDArray logits = net.logits(new ParameterStore(sub, false), x, true);
                    NDArray loss = s.loss() == Loss.L1
                            ? logits.softmax(1).sub(t).abs().sum(new int[] {1}).mean()
                            : logits.logSoftmax(1).mul(t).sum(new int[] {1}).mean().neg();
                    gc.backward(loss);
                    double entropy = s.loss() == Loss.KL ? negEntropy(kernels) / batch.size() : 0;
                    return new double[] {loss.getFloat() + entropy};
                }
            }
        }

        @Override
        public String validationHeader() {
            return val == null ? null : "step,kernel_l1";
        }

        @Override
        public double[] validate(NDManager manager) {
            return new double[] {val.meanL1(ema, manager)};
        }

        @Override
        public void ship(long step) {
            JsonObject config = ema.config();
            JsonObject training = s.toJson();
            training.addProperty("step", step);
            config.add("training", training);
            WeightsFile.save(shipped, StateDict.fromBlock(ema), config, b.storage);
        }
    }

    /** sum t log t over all weights (0 log 0 = 0): KL minus the cross-entropy the graph computes. */
    private static double negEntropy(float[] t) {
        double s = 0;
        for (float v : t) {
            if (v > 0) {
                s += v * Math.log(v);
            }
        }
        return s;
    }

    /** Settings; {@code set*} are required, {@code opt*} optional. */
    public static final class Builder extends RunBuilder<Builder> {
        private int kernelSize = 21;
        private int width = 32;
        private int scale = 4;
        private int crop = 128;
        private Loss loss = Loss.L1;
        private DegradationPipeline pipeline = DegradationPipeline.defaults();

        /** Defaults of this trainer: batch 16, 10000 steps, peak learning rate 2e-4. */
        Builder() {
            super(1, 10_000, 2e-4);
            batch = 16;
        }

        /** k, the size of the recorded kernels (the recipe's kernelRecordSize, 21 by default). */
        public Builder optKernelSize(int kernelSize) {
            this.kernelSize = kernelSize;
            return this;
        }

        /** Channels of the estimator's first stage (default 32). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /** The scale of the training pairs (default 4), recorded in the estimator's config. */
        public Builder optScale(int scale) {
            this.scale = scale;
            return this;
        }

        /** HR crop size (default 128), a multiple of the scale. */
        public Builder optCrop(int crop) {
            this.crop = crop;
            return this;
        }

        public Builder optLoss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /** The degradation recipe whose first-stage kernels are the targets. */
        public Builder optPipeline(DegradationPipeline pipeline) {
            this.pipeline = pipeline;
            return this;
        }

        KernelSettings settings() {
            try {
                return new KernelSettings(kernelSize, width, scale, crop, loss, optimizer());
            } catch (IllegalArgumentException e) {
                throw new DadiffException(e.getMessage(), e);
            }
        }

        public KernelTrainer build() {
            check();
            if (resume == null) {
                settings(); // fail before loading any data
            }
            return new KernelTrainer(this);
        }
    }
}
