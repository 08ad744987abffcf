package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Arrays;

/** Shared part of {@link Conv1d} and {@link Conv2d}: tensors {@code weight} [O, I/groups, k...] and {@code bias} [O]. */
abstract class ConvNd extends UnaryBlock {

    final Shape stride;
    final Shape padding;
    final Shape dilation;
    final int groups;
    private final Parameter weight;
    private final Parameter bias;

    ConvNd(Builder<?> b, int dims) {
        if (b.in <= 0 || b.out <= 0 || b.kernel == null) {
            throw new IllegalArgumentException("in, out channels and kernel size must be set");
        }
        if (b.in % b.groups != 0 || b.out % b.groups != 0) {
            throw new IllegalArgumentException("channels must be divisible by groups");
        }
        long[] k = new long[dims + 2];
        k[0] = b.out;
        k[1] = b.in / b.groups;
        System.arraycopy(perDim(b.kernel, dims, "kernel", 1), 0, k, 2, dims);
        this.stride = repeat(b.stride, dims);
        this.padding = new Shape(perDim(b.padding, dims, "padding", 0));
        this.dilation = repeat(1, dims);
        this.groups = b.groups;
        this.weight = weight("weight", new Shape(k));
        this.bias = b.bias ? bias("bias", new Shape(b.out)) : null;
    }

    private static Shape repeat(long v, int dims) {
        long[] a = new long[dims];
        Arrays.fill(a, v);
        return new Shape(a);
    }

    /** One value for every spatial dimension, or one value per dimension (PyTorch's int or tuple). */
    private static long[] perDim(int[] v, int dims, String what, int min) {
        if (v.length != 1 && v.length != dims) {
            throw new IllegalArgumentException(what + " needs 1 or " + dims + " values, got " + v.length);
        }
        long[] out = new long[dims];
        for (int i = 0; i < dims; i++) {
            out[i] = v[v.length == 1 ? 0 : i];
            if (out[i] < min) {
                throw new IllegalArgumentException(what + " must be >= " + min);
            }
        }
        return out;
    }

    abstract NDArray conv(NDArray x, NDArray w, NDArray b);

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return conv(x, value(ps, weight, x, training), value(ps, bias, x, training));
    }

    /** Builder shared by both convolutions; set* required, opt* optional. */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<T extends Builder<T>> {
        int in;
        int out;
        int[] kernel;
        int stride = 1;
        int[] padding = {0};
        int groups = 1;
        boolean bias = true;

        public T setInChannels(int in) {
            this.in = in;
            return (T) this;
        }

        public T setOutChannels(int out) {
            this.out = out;
            return (T) this;
        }

        /** One size for all spatial dimensions, or one per dimension such as (1, 7) = height 1, width 7. */
        public T setKernel(int... kernel) {
            this.kernel = kernel.clone();
            return (T) this;
        }

        public T optStride(int stride) {
            this.stride = stride;
            return (T) this;
        }

        /** Zero padding on both sides: one value for all dimensions, or one per dimension. */
        public T optPadding(int... padding) {
            this.padding = padding.clone();
            return (T) this;
        }

        public T optGroups(int groups) {
            this.groups = groups;
            return (T) this;
        }

        public T optBias(boolean bias) {
            this.bias = bias;
            return (T) this;
        }
    }
}
