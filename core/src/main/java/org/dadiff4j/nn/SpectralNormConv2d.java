package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;

/**
 * A 2-D convolution wrapped in PyTorch's {@code torch.nn.utils.spectral_norm} (dim 0, one power
 * iteration, eps 1e-12), with its state_dict layout: {@code bias} (if any), {@code weight_orig},
 * {@code weight_u}, {@code weight_v}.
 *
 * <p>In training mode every call runs one power iteration on W = weight_orig reshaped to
 * [out, -1] (v = normalize(W^T u), u = normalize(W v)) and <b>stores</b> the new u and v, exactly
 * like PyTorch's forward pre-hook; in eval mode the stored u and v are used as they are. Either
 * way the convolution uses W / sigma with sigma = u . (W v).
 */
public final class SpectralNormConv2d extends UnaryBlock {

    private static final float EPS = 1e-12f;

    private final int outChannels;
    private final Shape stride;
    private final Shape padding;
    private final Parameter bias;
    private final Parameter weightOrig;
    private final Parameter weightU;
    private final Parameter weightV;

    private SpectralNormConv2d(Builder b) {
        outChannels = b.out;
        stride = new Shape(b.stride, b.stride);
        padding = new Shape(b.padding, b.padding);
        // spectral_norm re-registers the weight after the bias, hence this order.
        bias = b.bias ? bias("bias", new Shape(b.out)) : null;
        weightOrig = weight("weight_orig", new Shape(b.out, b.in, b.kernel, b.kernel));
        weightU = buffer("weight_u", new Shape(b.out), Parameter.Type.OTHER);
        weightV = buffer("weight_v", new Shape((long) b.in * b.kernel * b.kernel), Parameter.Type.OTHER);
        // PyTorch starts u and v as normalised Gaussian vectors; zeros would make sigma 0.
        weightU.setInitializer(SpectralNormConv2d::randomUnit);
        weightV.setInitializer(SpectralNormConv2d::randomUnit);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Convolves {@code x} (NCHW); in training mode advances and stores u and v first. The
     * spectral-norm state is read from and written to the parameters themselves, not through
     * {@code ps}, because it must persist across calls.
     */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        try (NDArray w = normalizedWeight(training)) {
            return Conv2d.conv2d(x, w, value(ps, bias, x, training), stride, padding, new Shape(1, 1), 1)
                    .singletonOrThrow();
        }
    }

    /** sigma = u . (W v) from the stored u and v, as PyTorch computes it. */
    public float sigma() {
        NDArray w = weightOrig.getArray();
        try (NDArray mat = w.reshape(outChannels, -1);
                NDArray wv = mat.matMul(weightV.getArray());
                NDArray s = weightU.getArray().dot(wv)) {
            return s.getFloat();
        }
    }

    private NDArray normalizedWeight(boolean training) {
        NDArray w = weightOrig.getArray();
        NDArray u = weightU.getArray();
        NDArray v = weightV.getArray();
        try (NDArray mat = w.reshape(outChannels, -1)) {
            if (training) {
                try (NDArray matT = mat.transpose(); NDArray wtu = matT.matMul(u)) {
                    v.intern(unit(wtu));
                }
                try (NDArray wv = mat.matMul(v)) {
                    u.intern(unit(wv));
                }
            }
            try (NDArray wv = mat.matMul(v); NDArray sigma = u.dot(wv)) {
                return w.div(sigma);
            }
        }
    }

    private static NDArray randomUnit(NDManager m, Shape shape, DataType type) {
        try (NDArray r = m.randomNormal(shape, type)) {
            return unit(r);
        }
    }

    /** x / max(||x||, eps), i.e. F.normalize(x, dim=0, eps=1e-12). */
    private static NDArray unit(NDArray x) {
        try (NDArray n = x.norm(); NDArray d = Scalars.maximum(n, EPS)) {
            return x.div(d);
        }
    }

    /** Builds a {@link SpectralNormConv2d}; channels and kernel are required. */
    public static final class Builder {
        private int in;
        private int out;
        private int kernel;
        private int stride = 1;
        private int padding;
        private boolean bias = true;

        private Builder() {}

        public Builder setChannels(int in, int out) {
            this.in = in;
            this.out = out;
            return this;
        }

        public Builder setKernel(int kernel) {
            this.kernel = kernel;
            return this;
        }

        public Builder optStride(int stride) {
            this.stride = stride;
            return this;
        }

        public Builder optPadding(int padding) {
            this.padding = padding;
            return this;
        }

        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        public SpectralNormConv2d build() {
            if (in <= 0 || out <= 0 || kernel <= 0) {
                throw new IllegalArgumentException("channels and kernel must be set and positive");
            }
            return new SpectralNormConv2d(this);
        }
    }
}
