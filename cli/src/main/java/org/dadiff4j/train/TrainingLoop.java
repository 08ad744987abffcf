package org.dadiff4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;
import org.dadiff4j.data.TrainingLoader;
import org.dadiff4j.data.TrainingPair;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.StrictLoader;
import org.dadiff4j.weights.TensorData;
import org.dadiff4j.weights.WeightsFile;

/**
 * The loop every trainer runs: draw a batch from the {@link TrainingLoader}, let the trainer's
 * {@link Task} backpropagate its loss, take an {@link Optimizer} step at the {@link Schedule}'s
 * rate, log it, validate the average every few steps, and write a {@link Checkpoint} and the
 * shipped model every few steps, at the end, and when the {@link TimeBudget} is about to run out
 * or the process is asked to exit ({@link StopSignal}).
 *
 * <p>Step n (from 1) trains on samples (n-1)·B to n·B-1 of the loader, whose samples depend only
 * on the seed and their index, and a task draws any other randomness from the seed and the step;
 * so the step and the next sample index are a run's whole random state, and a run resumed from a
 * checkpoint (weights, average and Adam's moments) repeats the unbroken run bit for bit. The run
 * happens on the calling thread: PyTorch records gradients per thread.
 */
final class TrainingLoop {

    /** The parts of a run that differ per trainer. */
    interface Task extends AutoCloseable {

        /** The network being trained. */
        TorchBlock net();

        /** A network of the same architecture that holds the moving average. */
        TorchBlock average();

        /**
         * The columns of loss.csv: "step", the loss terms (the total first), then "lr,grad_norm"
         * (default: the total alone).
         */
        default String lossHeader() {
            return "step,loss,lr,grad_norm";
        }

        /** Backpropagates the loss of one batch drawn for {@code step}; returns its terms, the total first. */
        double[] loss(long step, List<TrainingPair> batch, NDManager manager);

        /** The columns of val.csv, or null for a run without validation. */
        default String validationHeader() {
            return null;
        }

        /** Scores the average on the held-out data, one value per column of val.csv after the step. */
        default double[] validate(NDManager manager) {
            throw new UnsupportedOperationException("no validation");
        }

        /** Writes the shipped model (the average) after {@code step} steps. */
        void ship(long step);

        @Override
        default void close() {}
    }

    private static final float BETA1 = 0.9f;
    private static final float EPS = 1e-8f;
    private static final double MIN_LR_RATIO = 0.01;

    private final RunBuilder<?> b;
    private final String kind;
    private final Checkpoint resume;
    private final JsonObject settings;
    private final OptimizerSettings opt;
    private final float beta2;

    /**
     * A run of {@code kind} with the builder's folders, steps and intervals; {@code resume} is the
     * checkpoint read with {@link #checkpoint} (or null), {@code settings} the run settings a
     * checkpoint keeps (those of {@code resume} when resuming), {@code beta2} Adam's second-moment decay.
     */
    TrainingLoop(RunBuilder<?> b, String kind, Checkpoint resume, JsonObject settings, OptimizerSettings opt,
            float beta2) {
        this.b = b;
        this.kind = kind;
        this.resume = resume;
        this.settings = settings;
        this.opt = opt;
        this.beta2 = beta2;
    }

    /** The builder's checkpoint to resume from, of {@code kind}, or null for a new run. */
    static Checkpoint checkpoint(RunBuilder<?> b, String kind) {
        return b.resume == null ? null : Checkpoint.read(b.resume, kind);
    }

    /**
     * Runs the training. {@code data} is the trainer's loader settings (the loop adds the photos,
     * seed, start index and workers); {@code task} makes the trainer's parts, with arrays that may
     * live in the manager it is given.
     */
    void run(TrainingLoader.Builder data, Function<NDManager, Task> task) {
        b.stop.watch(() -> loop(data, task));
    }

    private void loop(TrainingLoader.Builder data, Function<NDManager, Task> task) {
        TimeBudget budget = new TimeBudget(b.maxMinutes, b.clock);
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
        Schedule schedule = new Schedule(opt.lr(), opt.warmup(), steps, MIN_LR_RATIO);
        try (TrainingLoader loader = data.setImages(b.data).optSeed(opt.seed())
                        .optStartIndex(resume != null ? resume.nextPair() : 0).optWorkers(b.workers).build();
                NDManager manager = NDManager.newBaseManager();
                Task t = task.apply(manager);
                CsvLog losses = new CsvLog(b.output.resolve("loss.csv"), t.lossHeader(), start);
                CsvLog vals = t.validationHeader() == null ? null
                        : new CsvLog(b.output.resolve("val.csv"), t.validationHeader(), start)) {
            if (resume == null && b.init != null) {
                StateDict init = withNewLayers(WeightsFile.read(WeightsFile.weightsPath(b.init)), t.net());
                StrictLoader.load(t.net(), init, manager);
                StrictLoader.load(t.average(), init, manager);
            }
            Map<String, Parameter> params = t.net().stateDict();
            t.average().stateDict().values().forEach(p -> p.getArray().setRequiresGradient(false));
            Optimizer optimizer = new Optimizer(params, t.average().stateDict(), manager, BETA1, beta2, EPS,
                    opt.clipNorm(), opt.emaDecay());
            if (resume != null) {
                optimizer.restore(resume.tensors(), start);
            }
            params.values().forEach(p -> p.getArray().setRequiresGradient(true));
            b.listener.started(start + 1, steps);
            if (vals != null && start == 0) {
                validate(0, t, manager, vals);
            }
            for (long step = start + 1; step <= steps; step++) {
                List<TrainingPair> batch = new ArrayList<>(opt.batch());
                for (int i = 0; i < opt.batch(); i++) {
                    batch.add(loader.next());
                }
                double[] terms = t.loss(step, batch, manager);
                if (!Double.isFinite(terms[0])) {
                    throw new DadiffException("training diverged at step " + step + " (loss " + terms[0]
                            + "); try a lower learning rate");
                }
                double lr = schedule.at(step);
                double norm = optimizer.step(step, lr);
                double[] row = new double[terms.length + 2];
                System.arraycopy(terms, 0, row, 0, terms.length);
                row[terms.length] = lr;
                row[terms.length + 1] = norm;
                losses.row(step, row);
                b.listener.stepDone(new TrainListener.StepStats(step, terms[0], lr, norm));
                if (vals != null && (step % b.validateEvery == 0 || step == steps)) {
                    validate(step, t, manager, vals);
                }
                budget.stepDone();
                boolean stop = step < steps && (budget.exhausted() || b.stop.requested());
                if (step % b.checkpointEvery == 0 || step == steps || stop) {
                    losses.flush();
                    Path file = checkpoints.resolve(String.format(Locale.ROOT, "step-%06d.safetensors", step));
                    new Checkpoint(kind, step, step * opt.batch(), settings, optimizer.checkpointTensors()).write(file);
                    t.ship(step);
                    b.listener.checkpointSaved(step, file);
                    if (stop) {
                        b.listener.stoppedEarly(step, steps, file);
                        break;
                    }
                }
            }
        }
    }

    private void validate(long step, Task t, NDManager manager, CsvLog log) {
        double[] scores = t.validate(manager);
        log.row(step, scores);
        log.flush();
        b.listener.validated(step, log.named(scores));
    }

    /**
     * {@code init} plus the tensors of {@code net} that it lacks, at their seeded initialisation: a
     * model that gained a layer (such as E's cues, which start at zero) warm-starts from one without.
     * Every tensor the file has must still fit (StrictLoader checks names and shapes).
     */
    static StateDict withNewLayers(StateDict init, TorchBlock net) {
        List<String> added = new ArrayList<>();
        Set<String> had = new HashSet<>(init.keys());
        for (Map.Entry<String, Parameter> e : net.stateDict().entrySet()) {
            if (!init.contains(e.getKey())) {
                NDArray a = e.getValue().getArray();
                boolean identity = isNewBlockOutput(e.getKey(), had);
                init.put(e.getKey(), identity ? TensorData.of(new float[(int) a.size()], a.getShape().getShape())
                        : TensorData.fromNDArray(a));
                added.add(e.getKey());
            }
        }
        if (!added.isEmpty()) {
            System.err.println("init: " + init.source() + " lacks " + added + "; they start at their initialisation");
        }
        return init;
    }

    private static final Pattern BLOCK_OUTPUT =
            Pattern.compile("(.*\\.blocks\\.\\d+\\.)conv2\\.(weight|bias)");

    /**
     * True for the last convolution of a residual block that {@code init} lacks entirely: at zero, the
     * block starts as the identity, so a model deepened by whole blocks (Gr's {@code restoreBlocks})
     * computes what the model it grew from did, and training moves on from there.
     */
    private static boolean isNewBlockOutput(String key, Set<String> init) {
        Matcher m = BLOCK_OUTPUT.matcher(key);
        if (!m.matches()) {
            return false;
        }
        String block = m.group(1);
        return init.stream().noneMatch(k -> k.startsWith(block));
    }
}
