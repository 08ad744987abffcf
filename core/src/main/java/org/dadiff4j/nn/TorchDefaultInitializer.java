package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * PyTorch's default for conv and linear weights: kaiming_uniform with a = sqrt(5), which is
 * U(-b, b) with b = 1/sqrt(fan_in), fan_in = shape[1] * prod(shape[2:]).
 */
public final class TorchDefaultInitializer implements Initializer {

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long fanIn = shape.dimension() < 2 ? shape.get(0) : shape.size() / shape.get(0);
        float bound = (float) (1.0 / Math.sqrt(Math.max(1, fanIn)));
        return manager.randomUniform(-bound, bound, shape, dataType);
    }
}
