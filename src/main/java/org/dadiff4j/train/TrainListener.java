package org.dadiff4j.train;

import java.nio.file.Path;

/** What a trainer reports while it runs (the CLI draws a progress bar from it). All methods are optional. */
public interface TrainListener {

    /** Training runs steps {@code first} to {@code last}, inclusive (first > 1 when resumed). */
    default void started(long first, long last) {}

    default void stepDone(StepStats stats) {}

    /** Mean PSNR (dB) over the held-out set of Gr against HR and of Gd against LQ. */
    default void validated(long step, double psnrRestore, double psnrDegrade) {}

    default void checkpointSaved(long step, Path file) {}

    /**
     * One optimisation step: the total loss (Eq. 9 of the paper) and its three L1 terms, the
     * learning rate used and the gradient norm before clipping.
     */
    record StepStats(long step, double loss, double restore, double degrade, double cycle, double lr,
            double gradNorm) {}
}
