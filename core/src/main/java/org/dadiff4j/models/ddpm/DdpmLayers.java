package org.dadiff4j.models.ddpm;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.dadiff4j.nn.Activations;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.GroupNorm;

/** Layer factories of the DDPM code: Normalize is GroupNorm(32, eps 1e-6), nonlinearity is swish. */
final class DdpmLayers {

    private DdpmLayers() {}

    static GroupNorm norm(int channels) {
        return GroupNorm.builder().setGroups(32).setChannels(channels).optEps(1e-6f).build();
    }

    static Conv2d conv(int in, int out, int kernel, int stride, int padding) {
        return Conv2d.builder().setInChannels(in).setOutChannels(out).setKernel(kernel)
                .optStride(stride).optPadding(padding).build();
    }

    /** swish(norm(x)). */
    static NDArray normSwish(ParameterStore ps, GroupNorm norm, NDArray x, boolean training) {
        try (NDArray n = norm.apply(ps, x, training)) {
            return Activations.silu(n);
        }
    }
}
