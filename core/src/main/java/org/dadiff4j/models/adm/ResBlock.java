package org.dadiff4j.models.adm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.Activations;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.GroupNorm;
import org.dadiff4j.nn.Linear;
import org.dadiff4j.nn.ModuleList;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.nn.Upsample;

/**
 * guided-diffusion's ResBlock: GN, SiLU, (nearest ×2 or 2×2 average pool on both paths when up or
 * down), conv; then the embedding enters either as a bias or, with scale-shift norm, as
 * GN(h)·(1+scale)+shift; then SiLU, conv, and the (1×1-projected if widths differ) skip is added.
 */
final class ResBlock extends TorchBlock implements EmbedBlock {

    enum Resize { NONE, UP, DOWN }

    private final boolean scaleShift;
    private final Resize resize;
    private final GroupNorm inNorm;
    private final Conv2d inConv;
    private final Linear embLinear;
    private final GroupNorm outNorm;
    private final Conv2d outConv;
    private final Conv2d skip;

    ResBlock(int channels, int embChannels, int outChannels, boolean scaleShift, Resize resize) {
        this.scaleShift = scaleShift;
        this.resize = resize;
        ModuleList in = child("in_layers", new ModuleList());
        inNorm = in.add("0", AdmLayers.norm(channels));
        inConv = in.add("2", AdmLayers.conv3(channels, outChannels));
        embLinear = child("emb_layers", new ModuleList()).add("1", Linear.builder()
                .setInFeatures(embChannels).setOutFeatures(scaleShift ? 2 * outChannels : outChannels).build());
        ModuleList out = child("out_layers", new ModuleList());
        outNorm = out.add("0", AdmLayers.norm(outChannels));
        outConv = out.add("3", AdmLayers.conv3(outChannels, outChannels));
        skip = outChannels == channels ? null
                : child("skip_connection", Conv2d.builder().setInChannels(channels)
                        .setOutChannels(outChannels).setKernel(1).build());
    }

    private NDArray resized(NDArray x) {
        return resize == Resize.UP ? Upsample.nearest2x(x) : Resample.avgPool2(x);
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, NDArray emb, boolean training) {
        return Scopes.keep(() -> {
            NDArray h = Activations.silu(inNorm.apply(ps, x, training));
            NDArray xs = x;
            if (resize != Resize.NONE) {
                h = resized(h);
                xs = resized(x);
            }
            h = inConv.apply(ps, h, training);
            NDArray e = embLinear.apply(ps, Activations.silu(emb), training);
            e = e.reshape(e.getShape().get(0), e.getShape().get(1), 1, 1);
            if (scaleShift) {
                NDList ss = e.split(2, 1);
                h = outNorm.apply(ps, h, training).mul(ss.get(0).add(1f)).addi(ss.get(1));
            } else {
                h = outNorm.apply(ps, h.add(e), training);
            }
            h = outConv.apply(ps, Activations.silu(h), training);
            return (skip == null ? xs.add(h) : skip.apply(ps, xs, training).addi(h));
        });
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1), training));
    }
}
