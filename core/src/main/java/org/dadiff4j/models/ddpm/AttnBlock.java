package org.dadiff4j.models.ddpm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.dadiff4j.nn.Attention;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.GroupNorm;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.UnaryBlock;

/** The DDPM AttnBlock: single-head attention with 1×1 convs q, k, v, logits scaled by C^-1/2, proj_out, residual. */
final class AttnBlock extends UnaryBlock {

    private final GroupNorm norm;
    private final Conv2d q;
    private final Conv2d k;
    private final Conv2d v;
    private final Conv2d projOut;

    AttnBlock(int channels) {
        norm = child("norm", DdpmLayers.norm(channels));
        q = child("q", DdpmLayers.conv(channels, channels, 1, 1, 0));
        k = child("k", DdpmLayers.conv(channels, channels, 1, 1, 0));
        v = child("v", DdpmLayers.conv(channels, channels, 1, 1, 0));
        projOut = child("proj_out", DdpmLayers.conv(channels, channels, 1, 1, 0));
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return Scopes.keep(() -> {
            Shape s = x.getShape();
            Shape flat = new Shape(s.get(0), s.get(1), s.get(2) * s.get(3));
            NDArray h = norm.apply(ps, x, training);
            float scale = (float) Math.pow(s.get(1), -0.5);
            NDArray a = Attention.attend(q.apply(ps, h, training).reshape(flat),
                    k.apply(ps, h, training).reshape(flat), v.apply(ps, h, training).reshape(flat), 1f, scale);
            return x.add(projOut.apply(ps, a.reshape(s), training));
        });
    }
}
