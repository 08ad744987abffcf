package org.dadiff4j.models.adm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.nn.Upsample;

/**
 * guided-diffusion's Upsample (nearest ×2, then conv "conv") and Downsample (conv "op" with stride
 * 2, or a 2×2 average pool without conv). Used between levels when resblock_updown is off.
 */
final class Resample extends TorchBlock implements EmbedBlock {

    private final boolean up;
    private final Conv2d conv;

    private Resample(boolean up, int channels, boolean useConv) {
        this.up = up;
        this.conv = useConv
                ? child(up ? "conv" : "op", Conv2d.builder().setInChannels(channels).setOutChannels(channels)
                        .setKernel(3).optStride(up ? 1 : 2).optPadding(1).build())
                : null;
    }

    static Resample up(int channels, boolean useConv) {
        return new Resample(true, channels, useConv);
    }

    static Resample down(int channels, boolean useConv) {
        return new Resample(false, channels, useConv);
    }

    /** 2×2 average pooling with stride 2. */
    static NDArray avgPool2(NDArray x) {
        return Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, NDArray emb, boolean training) {
        if (!up) {
            return conv != null ? conv.apply(ps, x, training) : avgPool2(x);
        }
        if (conv == null) {
            return Upsample.nearest2x(x);
        }
        return Scopes.keep(() -> conv.apply(ps, Upsample.nearest2x(x), training));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), null, training));
    }
}
