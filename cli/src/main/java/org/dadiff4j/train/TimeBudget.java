package org.dadiff4j.train;

import java.util.function.LongSupplier;

/**
 * A wall-clock budget for a training run. It says to stop once one more step and a checkpoint
 * might not fit in what is left, so that a run cut off by {@code --max-minutes} always ends on a
 * checkpoint it can resume from, never in the middle of writing one.
 */
final class TimeBudget {

    private final long limitNanos;
    private final LongSupplier clock;
    private final long startNanos;
    private long steps;
    private long slowestStep;
    private long lastMark;

    /**
     * {@code minutes} (0 or less: no limit) of the time that {@code clock} tells in nanoseconds
     * ({@code System::nanoTime}; tests pass a fake one).
     */
    TimeBudget(double minutes, LongSupplier clock) {
        this.limitNanos = minutes > 0 ? (long) (minutes * 60e9) : Long.MAX_VALUE;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastMark = startNanos;
    }

    boolean limited() {
        return limitNanos != Long.MAX_VALUE;
    }

    /** Call after each step (including any validation or checkpoint it ran). */
    void stepDone() {
        long now = clock.getAsLong();
        slowestStep = Math.max(slowestStep, now - lastMark);
        lastMark = now;
        steps++;
    }

    /**
     * True when two more of the slowest steps so far (one to run, one as room for the checkpoint)
     * would pass the limit.
     */
    boolean exhausted() {
        if (!limited() || steps == 0) {
            return false;
        }
        return lastMark - startNanos + 2 * slowestStep >= limitNanos;
    }
}
