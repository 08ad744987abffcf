package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/** PyTorch {@code nn.Linear}: y = x W^T + b with {@code weight} [out, in] and {@code bias} [out]. */
public final class Linear extends UnaryBlock {

    private final Parameter weight;
    private final Parameter bias;

    private Linear(Builder b) {
        if (b.in <= 0 || b.out <= 0) {
            throw new IllegalArgumentException("in and out features must be set");
        }
        weight = weight("weight", new Shape(b.out, b.in));
        bias = b.bias ? bias("bias", new Shape(b.out)) : null;
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return ai.djl.nn.core.Linear.linear(x, value(ps, weight, x, training), value(ps, bias, x, training))
                .singletonOrThrow();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Linear}; set* required, opt* optional. */
    public static final class Builder {
        private int in;
        private int out;
        private boolean bias = true;

        public Builder setInFeatures(int in) {
            this.in = in;
            return this;
        }

        public Builder setOutFeatures(int out) {
            this.out = out;
            return this;
        }

        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        public Linear build() {
            return new Linear(this);
        }
    }
}
