package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * PyTorch's {@code nn.InstanceNorm2d} without running statistics (its default): every sample and
 * channel is normalised by its own mean and biased variance over H and W, in training and in
 * eval alike, then optionally scaled and shifted by {@code weight} and {@code bias}.
 */
public final class InstanceNorm2d extends UnaryBlock {

    private static final int[] SPATIAL = {2, 3};

    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    /** {@code affine} adds the per-channel {@code weight} (init 1) and {@code bias} (init 0). */
    public InstanceNorm2d(int channels, boolean affine, float eps) {
        this.eps = eps;
        weight = affine ? tensor("weight", new Shape(channels), Parameter.Type.GAMMA, true) : null;
        bias = affine ? tensor("bias", new Shape(channels), Parameter.Type.BETA, true) : null;
    }

    /** With PyTorch's default eps 1e-5. */
    public InstanceNorm2d(int channels, boolean affine) {
        this(channels, affine, 1e-5f);
    }

    /** Normalises an NCHW tensor; the same in training and eval mode. */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray y = Norms.normalize(x, SPATIAL, eps);
        if (weight == null) {
            return y;
        }
        try (NDArray yy = y) {
            return Norms.affine(yy, value(ps, weight, x, training), value(ps, bias, x, training));
        }
    }
}
