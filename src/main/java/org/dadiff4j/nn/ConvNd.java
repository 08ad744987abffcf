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
        if (b.in <= 0 || b.out <= 0 || b.kernel <= 0) {
            throw new IllegalArgumentException("in, out channels and kernel size must be set");
        }
        if (b.in % b.groups != 0 || b.out % b.groups != 0) {
            throw new IllegalArgumentException("channels must be divisible by groups");
        }
        long[] k = new long[dims + 2];
        Arrays.fill(k, b.kernel);
        k[0] = b.out;
        k[1] = b.in / b.groups;
        this.stride = repeat(b.stride, dims);
        this.padding = repeat(b.padding, dims);
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
        int kernel;
        int stride = 1;
        int padding;
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

        public T setKernel(int kernel) {
            this.kernel = kernel;
            return (T) this;
        }

        public T optStride(int stride) {
            this.stride = stride;
            return (T) this;
        }

        public T optPadding(int padding) {
            this.padding = padding;
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
