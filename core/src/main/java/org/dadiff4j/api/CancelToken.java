package org.dadiff4j.api;

import java.util.concurrent.CancellationException;

/**
 * Cancels a running upscale from another thread. The run checks it before it starts and after
 * every sampling step, then throws {@link CancellationException} after freeing its native memory.
 * A token stays cancelled; use a new one per job. Thread-safe.
 */
public final class CancelToken {

    private volatile boolean cancelled;

    /** Asks every run that holds this token to stop at its next check. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Throws if this token is cancelled or the current thread was interrupted (the interrupt
     * flag is kept, so that the caller's own checks still see it).
     */
    public void check() {
        if (cancelled) {
            throw new CancellationException("upscaling cancelled");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("upscaling interrupted");
        }
    }
}
