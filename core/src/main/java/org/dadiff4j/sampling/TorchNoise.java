package org.dadiff4j.sampling;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Noise from PyTorch's default CPU generator, seeded like {@code torch.manual_seed(seed)}: the same
 * seed gives the same draws as {@code torch.randn} in Python.
 *
 * <p>The generator is process-wide. So that runs in parallel threads (a Spark executor's tasks, a
 * server's workers) still get their own seed's stream, every draw is made under one lock, and a
 * source whose stream another source interrupted seeds the generator again and replays its earlier
 * draws (of their shapes) before drawing. One run alone never replays; two interleaved runs replay
 * a quadratic number of draws, cheap next to the networks between them.
 */
public final class TorchNoise implements NoiseSource {

    private static final Object GENERATOR = new Object();
    /** The source whose stream the generator continues (null: none, or unknown). */
    private static TorchNoise owner;

    private final int seed;
    private final List<Shape> drawn = new ArrayList<>();

    /** Seeds the engine's generator; every following draw of this source continues its stream. */
    public TorchNoise(int seed) {
        this.seed = seed;
        synchronized (GENERATOR) {
            Engine.getEngine("PyTorch").setRandomSeed(seed);
            owner = this;
        }
    }

    @Override
    public NDArray next(NDManager manager, Shape shape) {
        synchronized (GENERATOR) {
            if (owner != this) {
                Engine.getEngine("PyTorch").setRandomSeed(seed);
                try (NDManager scratch = manager.newSubManager()) {
                    for (Shape s : drawn) {
                        scratch.randomNormal(s);
                    }
                }
                owner = this;
            }
            drawn.add(shape);
            return manager.randomNormal(shape);
        }
    }
}
