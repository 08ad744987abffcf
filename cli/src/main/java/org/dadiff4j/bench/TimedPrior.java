package org.dadiff4j.bench;

import ai.djl.ndarray.NDArray;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.nn.TorchBlock;

/** A prior whose forwards are timed under the label {@value #LABEL}. */
public final class TimedPrior implements DiffusionPrior {

    public static final String LABEL = "prior";

    private final DiffusionPrior prior;
    private final CallClock clock;

    public TimedPrior(DiffusionPrior prior, CallClock clock) {
        this.prior = prior;
        this.clock = clock;
    }

    @Override
    public NDArray epsilon(NDArray x, NDArray t) {
        return clock.time(LABEL, () -> prior.epsilon(x, t));
    }

    @Override
    public NDArray forwardRaw(NDArray x, NDArray t) {
        return clock.time(LABEL, () -> prior.forwardRaw(x, t));
    }

    @Override
    public int imageSize() {
        return prior.imageSize();
    }

    @Override
    public int tileSize() {
        return prior.tileSize();
    }

    @Override
    public int tileOverlap() {
        return prior.tileOverlap();
    }

    @Override
    public org.dadiff4j.models.BetaSchedule betaSchedule() {
        return prior.betaSchedule();
    }

    @Override
    public int sizeMultiple() {
        return prior.sizeMultiple();
    }

    @Override
    public boolean learnsSigma() {
        return prior.learnsSigma();
    }

    @Override
    public TorchBlock network() {
        return prior.network();
    }
}
