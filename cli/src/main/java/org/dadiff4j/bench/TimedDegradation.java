package org.dadiff4j.bench;

import ai.djl.ndarray.NDArray;
import org.dadiff4j.models.DegradationAwareModel;

/** A degradation-aware model whose calls are timed under the labels E, Gd and Gr. */
public final class TimedDegradation implements DegradationAwareModel {

    public static final String ENCODER = "E";
    public static final String DEGRADE = "Gd";
    public static final String RESTORE = "Gr";

    private final DegradationAwareModel model;
    private final CallClock clock;

    public TimedDegradation(DegradationAwareModel model, CallClock clock) {
        this.model = model;
        this.clock = clock;
    }

    @Override
    public Domain domain() {
        return model.domain();
    }

    @Override
    public Representation encode(NDArray lq) {
        return clock.time(ENCODER, () -> model.encode(lq));
    }

    @Override
    public NDArray degrade(NDArray x, Representation r) {
        return clock.time(DEGRADE, () -> model.degrade(x, r));
    }

    @Override
    public NDArray restore(NDArray y, Representation r) {
        return clock.time(RESTORE, () -> model.restore(y, r));
    }

    @Override
    public Representation crop(Representation r, int y, int x, int h, int w) {
        return model.crop(r, y, x, h, w);
    }
}
