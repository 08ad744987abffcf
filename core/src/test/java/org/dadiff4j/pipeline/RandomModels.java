package org.dadiff4j.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.dadiff4j.models.compact.CompactModel;

/** Seeded random arrays and weights for the guidance tests, the same on every run. */
public final class RandomModels {

    private RandomModels() {}

    /** Uniform values in [lo, hi) from a seeded {@link java.util.Random}. */
    public static NDArray uniform(NDManager m, long seed, float lo, float hi, Shape shape) {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * r.nextFloat();
        }
        return m.create(v, shape);
    }

    /**
     * Adds uniform noise in [-amplitude, amplitude) to every weight, so that a fresh model (exactly
     * area-down and bilinear-up, blind to E) behaves like a trained one whose E matters.
     */
    public static void jitter(CompactModel model, float amplitude) {
        for (Parameter p : model.net().getParameters().values()) {
            NDArray a = p.getArray();
            a.addi(uniform(a.getManager(), a.getShape().size(), -amplitude, amplitude, a.getShape()));
        }
    }
}
