package org.dadiff4j.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/** Pre-recorded noise: draw k returns the k-th block of a flat float32 buffer. */
public final class ArrayNoise implements NoiseSource {

    private final float[] values;
    private int offset;

    /** Noise laid out as consecutive draws, e.g. a [steps, N, C, H, W] array read from .npy. */
    public ArrayNoise(float[] values) {
        this.values = values;
    }

    @Override
    public NDArray next(NDManager manager, Shape shape) {
        int n = Math.toIntExact(shape.size());
        if (offset + n > values.length) {
            throw new IllegalStateException("recorded noise exhausted after "
                    + offset / Math.max(1, n) + " draws of " + shape);
        }
        float[] draw = Arrays.copyOfRange(values, offset, offset + n);
        offset += n;
        return manager.create(draw, shape);
    }
}
