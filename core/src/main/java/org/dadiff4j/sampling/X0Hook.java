package org.dadiff4j.sampling;

import ai.djl.ndarray.NDArray;

/**
 * Where guidance enters the sampler (guided-diffusion's {@code denoised_fn}): it maps the model's
 * clean-image estimate x0_t to the estimate the scheduler steps with.
 */
@FunctionalInterface
public interface X0Hook {

    /** The unguided sampler. */
    X0Hook NONE = (x0, step) -> x0;

    /**
     * Corrects x0_t.
     *
     * @param x0 the estimate x0_t, [-1,1] units; its manager is the step's scope, so arrays
     *     derived from it are closed when the step ends
     * @param step the current step
     * @return {@code x0} itself or a new array
     */
    NDArray apply(NDArray x0, StepInfo step);
}
