package org.dadiff4j.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Standard normal noise for the sampler, drawn in a reproducible order (one draw per step). */
@FunctionalInterface
public interface NoiseSource {

    /** The next N(0,1) float32 array of the given shape, created in {@code manager}. */
    NDArray next(NDManager manager, Shape shape);
}
