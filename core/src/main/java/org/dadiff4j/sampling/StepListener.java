package org.dadiff4j.sampling;

import ai.djl.ndarray.NDArray;

/** Progress of a sampling run, called once per step after it completes. */
@FunctionalInterface
public interface StepListener {

    /**
     * A finished step. The arrays are closed when this call returns; copy what you keep.
     *
     * @param step the step (index, total, t)
     * @param x0 the guided clean-image estimate the step used, [-1,1] units
     * @param x the sample after the step
     */
    void onStep(StepInfo step, NDArray x0, NDArray x);
}
