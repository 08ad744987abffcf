package org.dadiff4j.sampling;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Noise from PyTorch's default CPU generator, seeded like {@code torch.manual_seed(seed)}: the same
 * seed gives the same draws as {@code torch.randn} in Python. The generator is process-wide, so
 * seeding here resets every other user of it; runs that need isolation should use one sampler at
 * a time.
 */
public final class TorchNoise implements NoiseSource {

    /** Seeds the engine's generator; every following draw continues its stream. */
    public TorchNoise(int seed) {
        Engine.getEngine("PyTorch").setRandomSeed(seed);
    }

    @Override
    public NDArray next(NDManager manager, Shape shape) {
        return manager.randomNormal(shape);
    }
}
