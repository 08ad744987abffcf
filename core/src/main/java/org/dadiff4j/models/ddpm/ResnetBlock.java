package org.dadiff4j.models.ddpm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.Activations;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.GroupNorm;
import org.dadiff4j.nn.Linear;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.TorchBlock;

/** The DDPM ResnetBlock: norm1, swish, conv1, + temb_proj(swish(temb)), norm2, swish, conv2, + (nin_shortcut) x. */
final class ResnetBlock extends TorchBlock {

    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Linear tembProj;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d ninShortcut;

    ResnetBlock(int in, int out, int tembChannels) {
        norm1 = child("norm1", DdpmLayers.norm(in));
        conv1 = child("conv1", DdpmLayers.conv(in, out, 3, 1, 1));
        tembProj = child("temb_proj", Linear.builder().setInFeatures(tembChannels).setOutFeatures(out).build());
        norm2 = child("norm2", DdpmLayers.norm(out));
        conv2 = child("conv2", DdpmLayers.conv(out, out, 3, 1, 1));
        ninShortcut = in == out ? null : child("nin_shortcut", DdpmLayers.conv(in, out, 1, 1, 0));
    }

    NDArray apply(ParameterStore ps, NDArray x, NDArray temb, boolean training) {
        return Scopes.keep(() -> {
            NDArray h = conv1.apply(ps, DdpmLayers.normSwish(ps, norm1, x, training), training);
            NDArray t = tembProj.apply(ps, Activations.silu(temb), training);
            h.addi(t.reshape(t.getShape().get(0), t.getShape().get(1), 1, 1));
            h = conv2.apply(ps, DdpmLayers.normSwish(ps, norm2, h, training), training);
            return ninShortcut == null ? x.add(h) : ninShortcut.apply(ps, x, training).addi(h);
        });
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1), training));
    }
}
