package org.dadiff4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dadiff4j.models.kernel.KernelEstimator;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.TensorData;
import org.dadiff4j.weights.WeightsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shared loop's promise, for each trainer on tiny runs: a run killed part-way, or stopped by
 * its time budget, and resumed from its checkpoint gives the unbroken run's losses, logs, weights,
 * average and Adam state bit for bit; {@code optInit} starts a run from the given weights.
 */
class TrainingResumeTest {

    private static final int STEPS = 6;

    /** The three trainers with tiny settings: a few seconds per run. */
    enum Trainer {
        DEGRADATION {
            @Override
            Path run(Path data, Path out, Consumer<RunBuilder<?>> options) {
                DegradationTrainer.Builder b = DegradationTrainer.builder().setData(List.of(data)).setOutput(out)
                        .optValidation(data).optValidationCount(2).optConfig(DegradationTrainerTest.TINY).optCrop(32)
                        .optBatch(2).optLearningRate(3e-3).optWarmup(1).optSeed(11)
                        .optPipeline(TrainData.fixedBlur());
                common(b, options);
                return b.build().run();
            }
        },
        PRIOR {
            @Override
            Path run(Path data, Path out, Consumer<RunBuilder<?>> options) {
                PriorTrainer.Builder b = PriorTrainer.builder().setData(List.of(data)).setOutput(out)
                        .optValidation(data).optValidationCount(2).optConfig(PriorTrainerTest.TINY).optBatch(2)
                        .optLearningRate(2e-3).optWarmup(2).optSeed(7).optTimestepFocus(300, 0.5);
                common(b, options);
                return b.build().run();
            }
        },
        KERNEL {
            @Override
            Path run(Path data, Path out, Consumer<RunBuilder<?>> options) {
                KernelTrainer.Builder b = KernelTrainer.builder().setData(List.of(data)).setOutput(out).optCrop(32)
                        .optScale(4).optWidth(4).optBatch(2).optLearningRate(1e-3).optWarmup(1).optSeed(5)
                        .optLoss(KernelTrainer.Loss.KL);
                common(b, options);
                return b.build().run();
            }
        };

        abstract Path run(Path data, Path out, Consumer<RunBuilder<?>> options);

        static void common(RunBuilder<?> b, Consumer<RunBuilder<?>> options) {
            b.optSteps(STEPS).optCheckpointEvery(3).optValidateEvery(2);
            options.accept(b);
        }
    }

    /**
     * Records every step, and at {@code killAt} throws as if the process died there or, given a
     * signal, asks the run to stop as an exit signal does.
     */
    private static final class Recorder implements TrainListener {
        final List<StepStats> steps = new ArrayList<>();
        final long killAt;
        final StopSignal signal;
        Path stoppedOn;

        Recorder(long killAt) {
            this(killAt, null);
        }

        Recorder(long killAt, StopSignal signal) {
            this.killAt = killAt;
            this.signal = signal;
        }

        @Override
        public void stepDone(StepStats s) {
            steps.add(s);
            if (s.step() == killAt && signal != null) {
                signal.request();
            } else if (s.step() == killAt) {
                throw new Killed();
            }
        }

        @Override
        public void stoppedEarly(long step, long last, Path file) {
            stoppedOn = file;
        }
    }

    private static final class Killed extends RuntimeException {}

    @ParameterizedTest
    @EnumSource(Trainer.class)
    void killedAndResumedRunEqualsTheUnbrokenRun(Trainer trainer, @TempDir Path dir) throws IOException {
        Path data = TrainData.photos(Files.createDirectories(dir.resolve("photos")), 2, 41);
        Recorder whole = new Recorder(-1);
        Path shippedA = trainer.run(data, dir.resolve("a"), b -> b.optListener(whole));
        assertEquals(STEPS, whole.steps.size());

        Recorder killed = new Recorder(5);
        assertThrows(Killed.class, () -> trainer.run(data, dir.resolve("b"), b -> b.optListener(killed)));
        Recorder resumed = new Recorder(-1);
        Path shippedB = trainer.run(data, dir.resolve("b"), b -> b.optListener(resumed)
                .optResume(dir.resolve("b/checkpoints/step-000003.safetensors")));
        List<TrainListener.StepStats> joined = new ArrayList<>(killed.steps.subList(0, 3));
        joined.addAll(resumed.steps);
        assertEquals(whole.steps, joined, trainer + ": losses, rates and gradient norms of the resumed run");
        sameRuns(trainer, dir.resolve("a"), dir.resolve("b"), shippedA, shippedB);
        if (trainer == Trainer.KERNEL) {
            try (NDManager m = NDManager.newBaseManager()) {
                KernelEstimator e = KernelEstimator.load(shippedB, m);
                assertEquals(List.of(21, 4, 4), List.of(e.kernelSize(), e.width(), e.scale()),
                        "the shipped estimator loads as the explicit method loads it");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Trainer.class)
    void timeBudgetStopsOnAResumableCheckpoint(Trainer trainer, @TempDir Path dir) throws IOException {
        Path data = TrainData.photos(Files.createDirectories(dir.resolve("photos")), 2, 41);
        Recorder whole = new Recorder(-1);
        Path shippedA = trainer.run(data, dir.resolve("a"), b -> b.optListener(whole));

        // Each reading of the clock is one second later: after step 4, 4 s have passed and two
        // more of the slowest step (1 s) reach the 6 s budget, so the run stops there.
        long[] now = {0};
        Recorder budgeted = new Recorder(-1);
        trainer.run(data, dir.resolve("b"), b -> {
            b.optListener(budgeted).optMaxMinutes(0.1);
            b.clock = () -> now[0] += 1_000_000_000L;
        });
        assertEquals(4, budgeted.steps.size(), trainer + ": stopped after step 4 of 6");
        assertEquals(dir.resolve("b/checkpoints/step-000004.safetensors"), budgeted.stoppedOn);
        assertTrue(Files.isRegularFile(budgeted.stoppedOn));
        Recorder resumed = new Recorder(-1);
        Path shippedB = trainer.run(data, dir.resolve("b"), b -> b.optListener(resumed).optResume(budgeted.stoppedOn));
        List<TrainListener.StepStats> joined = new ArrayList<>(budgeted.steps);
        joined.addAll(resumed.steps);
        assertEquals(whole.steps, joined, trainer + ": losses of the run stopped by its budget and resumed");
        sameRuns(trainer, dir.resolve("a"), dir.resolve("b"), shippedA, shippedB);
    }

    @Test
    void anExitSignalStopsOnAResumableCheckpoint(@TempDir Path dir) throws IOException {
        Trainer trainer = Trainer.DEGRADATION;
        Path data = TrainData.photos(Files.createDirectories(dir.resolve("photos")), 2, 41);
        Recorder whole = new Recorder(-1);
        Path shippedA = trainer.run(data, dir.resolve("a"), b -> b.optListener(whole));

        Recorder[] asked = new Recorder[1];
        trainer.run(data, dir.resolve("b"), b -> b.optListener(asked[0] = new Recorder(2, b.stop)));
        assertEquals(2, asked[0].steps.size(), "the step under way when the signal came is the last");
        assertEquals(dir.resolve("b/checkpoints/step-000002.safetensors"), asked[0].stoppedOn);
        Recorder resumed = new Recorder(-1);
        Path shippedB = trainer.run(data, dir.resolve("b"), b -> b.optListener(resumed).optResume(asked[0].stoppedOn));
        List<TrainListener.StepStats> joined = new ArrayList<>(asked[0].steps);
        joined.addAll(resumed.steps);
        assertEquals(whole.steps, joined, "losses of the run stopped by the signal and resumed");
        sameRuns(trainer, dir.resolve("a"), dir.resolve("b"), shippedA, shippedB);
    }

    /**
     * A run started with {@code optInit(W)} is the run whose state at step 0 is W (weights and
     * average, Adam's moments zero): the same losses and the same final checkpoint as resuming
     * from a hand-made step-0 checkpoint holding W, and other losses than the seeded start.
     */
    @ParameterizedTest
    @EnumSource(Trainer.class)
    void initStartsFromTheGivenWeights(Trainer trainer, @TempDir Path dir) throws IOException {
        Path data = TrainData.photos(Files.createDirectories(dir.resolve("photos")), 2, 41);
        Recorder seeded = new Recorder(-1);
        Path weights = WeightsFile.weightsPath(trainer.run(data, dir.resolve("a"), b -> b.optListener(seeded)));

        Recorder init = new Recorder(-1);
        trainer.run(data, dir.resolve("b"), b -> b.optListener(init).optInit(weights));
        assertNotEquals(seeded.steps.get(0), init.steps.get(0), trainer + ": --init changes the start");

        Checkpoint any = read(trainer, dir.resolve("a/checkpoints/step-000003.safetensors"));
        StateDict w = WeightsFile.read(weights);
        StateDict state = new StateDict("step 0");
        for (String name : w.keys()) {
            TensorData t = w.require(name).toFloat32();
            state.put("model." + name, t).put("ema." + name, t);
            float[] zeros = new float[Math.toIntExact(t.numel())];
            state.put("adam.m." + name, TensorData.of(zeros, t.shape()))
                    .put("adam.v." + name, TensorData.of(zeros, t.shape()));
        }
        Path start = dir.resolve("step-000000.safetensors");
        new Checkpoint(any.kind(), 0, 0, any.settings(), state).write(start);
        Recorder fromState = new Recorder(-1);
        trainer.run(data, dir.resolve("c"), b -> b.optListener(fromState).optResume(start));
        assertEquals(init.steps, fromState.steps, trainer + ": losses of the run started with --init");
        assertEquals(-1, Files.mismatch(dir.resolve("b/checkpoints/step-000006.safetensors"),
                dir.resolve("c/checkpoints/step-000006.safetensors")), trainer + ": final checkpoints");
    }

    private static Checkpoint read(Trainer trainer, Path file) {
        String kind = switch (trainer) {
            case DEGRADATION -> "compact-degradation-training";
            case PRIOR -> "adm-prior-training";
            case KERNEL -> "kernel-estimator-training";
        };
        return Checkpoint.read(file, kind);
    }

    /** Same final checkpoint (weights, average, Adam, metadata), shipped model and logs, byte for byte. */
    private static void sameRuns(Trainer trainer, Path a, Path b, Path shippedA, Path shippedB) throws IOException {
        assertEquals(-1, Files.mismatch(a.resolve("checkpoints/step-000006.safetensors"),
                b.resolve("checkpoints/step-000006.safetensors")), trainer + ": final checkpoints");
        assertEquals(-1, Files.mismatch(WeightsFile.weightsPath(shippedA), WeightsFile.weightsPath(shippedB)),
                trainer + ": shipped weights");
        assertEquals(Files.readString(a.resolve("loss.csv")), Files.readString(b.resolve("loss.csv")),
                trainer + ": loss.csv");
        if (trainer != Trainer.KERNEL) {
            assertEquals(Files.readString(a.resolve("val.csv")), Files.readString(b.resolve("val.csv")),
                    trainer + ": val.csv");
        }
    }
}
