package org.dadiff4j.sampling;

import ai.djl.ndarray.NDArray;

/**
 * A diffusion prior as the sampler sees it: the noise prediction for {@code x} at timestep {@code t}.
 * Stand-in for {@code org.dadiff4j.models.DiffusionPrior} until that role interface exists.
 */
@FunctionalInterface
public interface EpsilonModel {

    /**
     * Predicts epsilon.
     *
     * @param x noisy images, NCHW, [-1,1] units
     * @param t float32 timesteps of shape [N] holding integer values
     * @return a new array of shape [N,C,H,W]; learned-sigma networks may return [N,2C,H,W], of
     *     which the sampler keeps the first C channels. The sampler takes ownership of it.
     */
    NDArray epsilon(NDArray x, NDArray t);
}
