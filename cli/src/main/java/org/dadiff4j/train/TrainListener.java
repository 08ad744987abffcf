package org.dadiff4j.train;

import java.nio.file.Path;
import java.util.Map;

/** What a trainer reports while it runs (the CLI draws a progress bar from it). All methods are optional. */
public interface TrainListener {

    /** Training runs steps {@code first} to {@code last}, inclusive (first > 1 when resumed). */
    default void started(long first, long last) {}

    default void stepDone(StepStats stats) {}

    /**
     * The held-out scores after {@code step} steps (0: before training), named as the columns of
     * the run's val.csv, in its order.
     */
    default void validated(long step, Map<String, Double> scores) {}

    default void checkpointSaved(long step, Path file) {}

    /** The run stopped early (time budget, or asked to exit) after {@code step} of {@code last}; {@code file} resumes it. */
    default void stoppedEarly(long step, long last, Path file) {}

    /** One optimisation step: the training loss, the learning rate used and the gradient norm before clipping. */
    record StepStats(long step, double loss, double lr, double gradNorm) {}
}
