package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;

/** The arithmetic shared by the normalisation layers, in PyTorch's order of operations. */
final class Norms {

    private Norms() {}

    /** (x - mean) / sqrt(var + eps) with mean and biased variance over {@code axes}. */
    static NDArray normalize(NDArray x, int[] axes, float eps) {
        try (NDArray mean = mean(x, axes); NDArray var = biasedVar(x, mean, axes)) {
            return normalize(x, mean, var, eps);
        }
    }

    /** (x - mean) / sqrt(var + eps) for given statistics, broadcast over x. */
    static NDArray normalize(NDArray x, NDArray mean, NDArray var, float eps) {
        NDArray out = x.sub(mean);
        try (NDArray shifted = var.add(eps); NDArray std = shifted.sqrt()) {
            return out.divi(std);
        }
    }

    /** Mean of (x - mean)^2 over {@code axes}, keeping dimensions. */
    static NDArray biasedVar(NDArray x, NDArray mean, int[] axes) {
        try (NDArray d = x.sub(mean)) {
            d.muli(d);
            return mean(d, axes);
        }
    }

    /** Mean over several axes, keeping them; PyTorch's DJL binding reduces one axis per call. */
    static NDArray mean(NDArray x, int[] axes) {
        NDArray m = x.mean(new int[] {axes[axes.length - 1]}, true);
        for (int i = axes.length - 2; i >= 0; i--) {
            try (NDArray prev = m) {
                m = prev.mean(new int[] {axes[i]}, true);
            }
        }
        return m;
    }

    /** y * weight + bias per channel (dimension 1) of an NCHW tensor. */
    static NDArray affine(NDArray y, NDArray weight, NDArray bias) {
        try (NDArray w = weight.reshape(1, -1, 1, 1); NDArray b = bias.reshape(1, -1, 1, 1);
                NDArray scaled = y.mul(w)) {
            return scaled.add(b);
        }
    }
}
