package org.dadiff4j.train;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import org.dadiff4j.DadiffException;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The options every trainer's builder shares (data, output, validation, optimisation, checkpoints,
 * resume), with the trainer's own defaults passed in; {@code B} is the concrete builder, so that the
 * {@code opt*} calls chain.
 */
public abstract class RunBuilder<B extends RunBuilder<B>> {
    List<Path> data;
    Path output;
    Path validation;
    int validationCount;
    int batch = 8;
    long steps;
    double lr;
    long warmup = -1;
    long seed;
    double emaDecay = 0.999;
    double clipNorm = 1.0;
    long checkpointEvery = 500;
    long validateEvery = 250;
    Path resume;
    Path init;
    double maxMinutes;
    int workers = 1;
    TrainListener listener = new TrainListener() {};
    DataType storage = DataType.FLOAT32;
    /** The time-budget clock in nanoseconds; tests set a fake one. */
    LongSupplier clock = System::nanoTime;
    /** Stops the run on a checkpoint when requested (by an exit signal, or a test). */
    StopSignal stop = new StopSignal();

    RunBuilder(int validationCount, long steps, double lr) {
        this.validationCount = validationCount;
        this.steps = steps;
        this.lr = lr;
    }

    /** The optimisation numbers of a new run (warmup: 5% of the steps, at most 500, unless set). */
    OptimizerSettings optimizer() {
        return new OptimizerSettings(batch, lr, warmup >= 0 ? warmup : Math.min(500, steps / 20), seed, emaDecay,
                clipNorm);
    }

    /** Refuses a run without data or output, or with a count that is not positive. */
    void check() {
        if (data == null || output == null) {
            throw new IllegalArgumentException("the trainer needs data and an output folder");
        }
        if (steps < 1 || checkpointEvery < 1 || validateEvery < 1 || validationCount < 1 || workers < 1) {
            throw new DadiffException("steps, intervals, validation count and workers must be positive");
        }
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Photo files or folders (searched recursively) to cut training samples from. */
    public B setData(List<Path> data) {
        this.data = List.copyOf(data);
        return self();
    }

    /** Folder for the model, checkpoints and logs (created). */
    public B setOutput(Path output) {
        this.output = output;
        return self();
    }

    /** Held-out photos (or a validation set) for the validation printed every few steps. */
    public B optValidation(Path validation) {
        this.validation = validation;
        return self();
    }

    /** Crops cut from the validation photos. */
    public B optValidationCount(int count) {
        this.validationCount = count;
        return self();
    }

    public B optBatch(int batch) {
        this.batch = batch;
        return self();
    }

    /** Total optimisation steps. */
    public B optSteps(long steps) {
        this.steps = steps;
        return self();
    }

    /** Peak learning rate. */
    public B optLearningRate(double lr) {
        this.lr = lr;
        return self();
    }

    /** Warmup steps (default: 5% of the steps, at most 500). */
    public B optWarmup(long warmup) {
        this.warmup = warmup;
        return self();
    }

    public B optSeed(long seed) {
        this.seed = seed;
        return self();
    }

    /** EMA decay (default 0.999; ramped as (1+t)/(10+t) early on). */
    public B optEmaDecay(double emaDecay) {
        this.emaDecay = emaDecay;
        return self();
    }

    /** Global gradient-norm limit (default 1). */
    public B optClipNorm(double clipNorm) {
        this.clipNorm = clipNorm;
        return self();
    }

    public B optCheckpointEvery(long every) {
        this.checkpointEvery = every;
        return self();
    }

    public B optValidateEvery(long every) {
        this.validateEvery = every;
        return self();
    }

    /** A checkpoint to continue from. */
    public B optResume(Path checkpoint) {
        this.resume = checkpoint;
        return self();
    }

    /**
     * Weights to start a new run from instead of the seeded initialisation (a model file of the
     * same architecture, such as a shipped one); ignored when resuming.
     */
    public B optInit(Path weights) {
        this.init = weights;
        return self();
    }

    /**
     * Wall-time budget in minutes (0: none). The run stops on a checkpoint before the budget ends,
     * and {@code optResume} with that checkpoint continues it exactly.
     */
    public B optMaxMinutes(double minutes) {
        this.maxMinutes = minutes;
        return self();
    }

    /** Background threads making training samples (default 1). */
    public B optWorkers(int workers) {
        this.workers = workers;
        return self();
    }

    public B optListener(TrainListener listener) {
        this.listener = listener;
        return self();
    }

    /** Storage type of the shipped weights: FLOAT32 (default) or FLOAT16. */
    public B optStorage(DataType storage) {
        this.storage = storage;
        return self();
    }
}
