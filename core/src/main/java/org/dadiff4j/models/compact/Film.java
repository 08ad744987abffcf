package org.dadiff4j.models.compact;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.TorchBlock;

/**
 * Spatial FiLM: {@code h·(1 + γ) + β} with [γ, β] = conv3×3(r), r being E's representation at the
 * resolution of h, or [N, R, 1, 1] for a global representation, whose γ and β then broadcast over h
 * (a 3×3 conv on a 1×1 map uses its centre tap only). Like SPADE without the normalisation and hidden layer, to stay small.
 */
final class Film extends TorchBlock {

    private final Conv2d conv;
    private final int channels;

    Film(int channels, int reprChannels) {
        this.channels = channels;
        conv = child("conv", Layers.conv(reprChannels, 2 * channels, 3));
    }

    NDArray apply(ParameterStore ps, NDArray h, NDArray r, boolean training) {
        return Scopes.keep(() -> {
            NDList gb = conv.apply(ps, r, training).split(new long[] {channels}, 1);
            return h.mul(gb.get(0).add(1)).addi(gb.get(1));
        });
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1), training));
    }
}
