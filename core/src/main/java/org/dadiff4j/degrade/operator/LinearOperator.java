package org.dadiff4j.degrade.operator;

import ai.djl.ndarray.NDArray;

/**
 * A linear degradation y = A x with a pseudo-inverse A-dagger satisfying A A-dagger A = A. Both map
 * NCHW float32 arrays and create their results in the input's manager.
 */
public interface LinearOperator {

    /** A x. */
    NDArray apply(NDArray x);

    /** A-dagger y. */
    NDArray pinv(NDArray y);
}
