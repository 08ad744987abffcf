package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;

/**
 * PyTorch {@code nn.GroupNorm}: each sample's channels split into groups, each group normalised by
 * its own mean and biased variance, then a per-channel affine ({@code weight}, {@code bias}).
 *
 * <p>DJL has no group norm, so this runs two native ops: layer norm over the input viewed as
 * [N·G, C/G·H·W] (each row's statistics are exactly one group's), then batch norm in eval mode with
 * mean 0, variance 1 and eps 0, which is the per-channel affine in one pass. That measured faster
 * than mean/variance arithmetic and than a training-mode batch norm over [1, N·G, -1].
 */
public final class GroupNorm extends UnaryBlock {

    private final int groups;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    private GroupNorm(Builder b) {
        if (b.groups <= 0 || b.channels <= 0 || b.channels % b.groups != 0) {
            throw new IllegalArgumentException(
                    "channels " + b.channels + " must be a positive multiple of groups " + b.groups);
        }
        groups = b.groups;
        eps = b.eps;
        weight = b.affine ? tensor("weight", new Shape(b.channels), Parameter.Type.GAMMA, true) : null;
        bias = b.affine ? tensor("bias", new Shape(b.channels), Parameter.Type.BETA, true) : null;
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return groupNorm(x, groups, value(ps, weight, x, training), value(ps, bias, x, training), eps);
    }

    /** Group norm of float32 {@code x} [N, C, ...]; {@code gamma} and {@code beta} [C] may be null. */
    public static NDArray groupNorm(NDArray x, int groups, NDArray gamma, NDArray beta, float eps) {
        return Scopes.keep(() -> {
            Shape shape = x.getShape();
            NDManager m = x.getManager();
            Shape row = new Shape(shape.size() / (shape.get(0) * groups));
            NDArray normed = LayerNorm.layerNorm(x.reshape(-1, row.get(0)), row, m.ones(row), m.zeros(row), eps)
                    .singletonOrThrow().reshape(shape);
            if (gamma == null) {
                return normed;
            }
            Shape channels = new Shape(shape.get(1));
            return BatchNorm.batchNorm(normed, m.zeros(channels), m.ones(channels), gamma, beta,
                    1, 0f, 0f, false).singletonOrThrow();
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link GroupNorm}; set* required, opt* optional (eps 1e-5, affine). */
    public static final class Builder {
        private int groups;
        private int channels;
        private float eps = 1e-5f;
        private boolean affine = true;

        public Builder setGroups(int groups) {
            this.groups = groups;
            return this;
        }

        public Builder setChannels(int channels) {
            this.channels = channels;
            return this;
        }

        public Builder optEps(float eps) {
            this.eps = eps;
            return this;
        }

        public Builder optAffine(boolean affine) {
            this.affine = affine;
            return this;
        }

        public GroupNorm build() {
            return new GroupNorm(this);
        }
    }
}
