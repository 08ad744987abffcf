package org.dadiff4j.train.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.data.TrainingLoader;
import org.dadiff4j.data.TrainingPair;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.models.kernel.KernelEstimator;
import org.dadiff4j.train.Adam;
import org.dadiff4j.weights.Safetensors;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.WeightsFile;

/**
 * Trains a {@link KernelEstimator} on degraded pairs: input the LR image, target the first-stage
 * blur kernel the degradation pipeline recorded ({@code Degraded.kernel}), loss L1 or KL between
 * the predicted and true kernels, Adam ({@link Adam}, torch's, with DJL's defaults).
 *
 * <p>Runs on the calling thread: DJL's PyTorch engine records gradients per thread. Step n (from
 * 1) trains on pairs {@code (n-1)*B .. n*B-1} of the loader and every checkpoint keeps Adam's
 * moments beside it ({@code <base>.adam.safetensors}), so a run resumed from a checkpoint repeats
 * an uninterrupted one exactly. (A checkpoint without that file resumes with fresh moments.)
 * The seed fixes the initial weights (through the engine's random seed) and the data.
 *
 * <p>The softmax output cannot take the negative lobes of the sinc kernels the recipe draws now
 * and then, so on those samples the L1 loss keeps a floor (and the true kernel's L1 mass exceeds 1).
 *
 * <p>Checkpoints: {@code output/kernel-estimator-step<n>.{safetensors,json}} every
 * {@code checkpointEvery} steps and {@code output/kernel-estimator.{safetensors,json}} for the
 * latest, each JSON holding the model config and a {@code training} object.
 */
public final class KernelTrainer {

    /** The loss between predicted kernel p and true kernel t, per sample (then averaged). */
    public enum Loss {
        /** sum |p - t| over the k*k weights, in [0, 2]. */
        L1,
        /** KL(t || p) = sum t (log t - log p). */
        KL
    }

    /** One finished step. */
    public record StepReport(int step, int steps, float loss, double seconds) {}

    /** Progress callbacks, on the training thread. */
    public interface Listener {
        default void onStep(StepReport report) {}

        default void onCheckpoint(int step, Path base) {}
    }

    /** The latest-checkpoint base name under the output folder. */
    public static final String LATEST = "kernel-estimator";

    private final Builder b;

    private KernelTrainer(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains from scratch or from {@code resume}, and returns the estimator with its arrays in
     * {@code manager}.
     */
    public KernelEstimator train(NDManager manager) {
        KernelEstimator est;
        int start = 0;
        if (b.resume != null) {
            est = KernelEstimator.load(b.resume, manager);
            start = resumedStep(b.resume);
        } else {
            manager.getEngine().setRandomSeed((int) b.seed);
            est = KernelEstimator.builder().optKernelSize(b.kernelSize).optWidth(b.width).optScale(b.data.scale()).build()
                    .initialized(manager);
        }
        for (Parameter p : est.stateDict().values()) {
            p.getArray().setRequiresGradient(true);
        }
        Adam adam = new Adam(est.stateDict(), manager, 0.9f, 0.999f, 1e-8f);
        if (b.resume != null && Files.isRegularFile(adamPath(b.resume))) {
            adam.restore(Safetensors.read(adamPath(b.resume)), "", start);
        }
        ParameterStore ps = new ParameterStore(manager, false);
        long t0 = System.nanoTime();
        try (TrainingLoader loader = b.data.optSeed(b.seed).optStartIndex((long) start * b.batchSize).build()) {
            for (int step = start + 1; step <= b.steps; step++) {
                float loss = step(est, ps, adam, loader, manager);
                if (!Float.isFinite(loss)) {
                    throw new DadiffException("kernel training: the loss became " + loss + " at step " + step
                            + " (try a smaller learning rate)");
                }
                b.listener.onStep(new StepReport(step, b.steps, loss, (System.nanoTime() - t0) / 1e9));
                if (b.output != null && (step % b.checkpointEvery == 0 || step == b.steps)) {
                    checkpoint(est, adam, step, loss);
                }
            }
        }
        for (Parameter p : est.stateDict().values()) {
            p.getArray().setRequiresGradient(false);
        }
        return est;
    }

    private float step(KernelEstimator est, ParameterStore ps, Adam adam, TrainingLoader loader, NDManager manager) {
        int k = est.kernelSize();
        float[] images = null;
        float[] kernels = new float[b.batchSize * k * k];
        Planes first = null;
        for (int i = 0; i < b.batchSize; i++) {
            TrainingPair pair = loader.next();
            if (pair.degraded.kernel.size != k) {
                throw new DadiffException("kernel training: the recipe records " + pair.degraded.kernel.size + "x"
                        + pair.degraded.kernel.size + " kernels but the estimator predicts " + k + "x" + k);
            }
            if (first == null) {
                first = pair.lr;
                images = new float[b.batchSize * 3 * first.width * first.height];
            }
            int plane = first.width * first.height;
            for (int c = 0; c < 3; c++) {
                System.arraycopy(pair.lr.c[c], 0, images, (i * 3 + c) * plane, plane);
            }
            System.arraycopy(pair.degraded.kernel.w, 0, kernels, i * k * k, k * k);
        }
        float value;
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(images, new Shape(b.batchSize, 3, first.height, first.width));
            NDArray t = m.create(kernels, new Shape(b.batchSize, (long) k * k));
            try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
                NDArray logits = est.logits(ps, x, true);
                NDArray loss = b.loss == Loss.L1
                        ? logits.softmax(1).sub(t).abs().sum(new int[] {1}).mean()
                        : logits.logSoftmax(1).mul(t).sum(new int[] {1}).mean().neg();
                gc.backward(loss);
                value = loss.getFloat() + (b.loss == Loss.KL ? (float) negEntropy(kernels) / b.batchSize : 0f);
            }
            adam.tick();
            for (Map.Entry<String, Parameter> e : est.stateDict().entrySet()) {
                NDArray w = e.getValue().getArray();
                try (NDArray g = w.getGradient(); NDArray alias = w.stopGradient()) {
                    adam.update(e.getKey(), alias, g, b.learningRate);
                    g.subi(g);
                }
            }
        }
        return value;
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

    /** Adam's moments beside a checkpoint base. */
    static Path adamPath(Path base) {
        return base.resolveSibling(base.getFileName() + ".adam.safetensors");
    }

    private void checkpoint(KernelEstimator est, Adam adam, int step, float loss) {
        JsonObject training = new JsonObject();
        training.addProperty("step", step);
        training.addProperty("steps", b.steps);
        training.addProperty("loss", loss);
        training.addProperty("lossType", b.loss.name());
        training.addProperty("batchSize", b.batchSize);
        training.addProperty("learningRate", b.learningRate);
        training.addProperty("seed", b.seed);
        JsonObject extra = new JsonObject();
        extra.add("training", training);
        Path numbered = b.output.resolve(String.format(Locale.ROOT, "%s-step%07d", LATEST, step));
        StateDict moments = new StateDict("adam");
        adam.writeTo(moments, "");
        for (Path base : new Path[] {numbered, b.output.resolve(LATEST)}) {
            est.save(base, extra);
            Safetensors.write(adamPath(base), moments, Map.of(), DataType.FLOAT32);
        }
        b.listener.onCheckpoint(step, numbered);
    }

    /** The step a checkpoint was written at. */
    public static int resumedStep(Path base) {
        JsonObject c = WeightsFile.load(base).config();
        try {
            return c.getAsJsonObject("training").get("step").getAsInt();
        } catch (RuntimeException e) {
            throw DadiffException.of(WeightsFile.configPath(base), "no training.step to resume from", e);
        }
    }

    /** Settings; {@code set*} are required, {@code opt*} optional. */
    public static final class Builder {
        private TrainingLoader.Builder data;
        private Path output;
        private Path resume;
        private int kernelSize = 21;
        private int width = 32;
        private int steps = 10_000;
        private int batchSize = 16;
        private float learningRate = 2e-4f;
        private long seed;
        private Loss loss = Loss.L1;
        private int checkpointEvery = 1000;
        private Listener listener = new Listener() {};

        private Builder() {}

        /**
         * The training data; the trainer sets its seed and start index, builds it and closes it, and
         * records its scale in the estimator's config.
         */
        public Builder setData(TrainingLoader.Builder data) {
            this.data = data;
            return this;
        }

        /** Folder for checkpoints; none are written without it. */
        public Builder optOutput(Path output) {
            this.output = output;
            return this;
        }

        /** Continue from a checkpoint base (its config decides kernel size and width). */
        public Builder optResume(Path checkpoint) {
            this.resume = checkpoint;
            return this;
        }

        /** k, the size of the recorded kernels (the recipe's kernelRecordSize, 21 by default). */
        public Builder optKernelSize(int kernelSize) {
            this.kernelSize = kernelSize;
            return this;
        }

        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /** Total number of steps, counting those of a resumed run. */
        public Builder optSteps(int steps) {
            this.steps = steps;
            return this;
        }

        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder optLearningRate(float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optLoss(Loss loss) {
            this.loss = loss;
            return this;
        }

        public Builder optCheckpointEvery(int checkpointEvery) {
            this.checkpointEvery = checkpointEvery;
            return this;
        }

        public Builder optListener(Listener listener) {
            this.listener = listener;
            return this;
        }

        public KernelTrainer build() {
            if (data == null) {
                throw new IllegalArgumentException("kernel trainer needs training data");
            }
            if (steps < 1 || batchSize < 1 || checkpointEvery < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("bad kernel trainer settings: steps " + steps + ", batch " + batchSize
                        + ", checkpoint every " + checkpointEvery + ", learning rate " + learningRate);
            }
            return new KernelTrainer(this);
        }
    }
}
