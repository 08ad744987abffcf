package org.dadiff4j.models.adm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.Attention;
import org.dadiff4j.nn.Conv1d;
import org.dadiff4j.nn.GroupNorm;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.TorchBlock;

/**
 * guided-diffusion's AttentionBlock: GN, 1×1 conv to q,k,v, multi-head attention over all
 * positions, 1×1 conv {@code proj_out}, residual. The legacy order (QKVAttentionLegacy) splits
 * heads first, then q,k,v; the new order (QKVAttention) splits q,k,v first.
 */
final class AttentionBlock extends TorchBlock implements EmbedBlock {

    private final int heads;
    private final boolean newOrder;
    private final GroupNorm norm;
    private final Conv1d qkv;
    private final Conv1d projOut;

    AttentionBlock(int channels, int numHeads, int numHeadChannels, boolean newOrder) {
        if (numHeadChannels != -1 && channels % numHeadChannels != 0) {
            throw new IllegalArgumentException(
                    "channels " + channels + " not divisible by num_head_channels " + numHeadChannels);
        }
        this.heads = numHeadChannels == -1 ? numHeads : channels / numHeadChannels;
        this.newOrder = newOrder;
        norm = child("norm", AdmLayers.norm(channels));
        qkv = child("qkv", Conv1d.builder().setInChannels(channels).setOutChannels(3 * channels).setKernel(1).build());
        projOut = child("proj_out", Conv1d.builder().setInChannels(channels).setOutChannels(channels).setKernel(1).build());
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, NDArray emb, boolean training) {
        return Scopes.keep(() -> {
            Shape shape = x.getShape();
            long b = shape.get(0);
            long c = shape.get(1);
            NDArray flat = x.reshape(b, c, -1);
            long length = flat.getShape().get(2);
            NDArray qkvOut = qkv.apply(ps, norm.apply(ps, flat, training), training);
            long ch = c / heads;
            NDList parts = newOrder
                    ? qkvOut.split(3, 1)
                    : qkvOut.reshape(b * heads, 3 * ch, length).split(3, 1);
            NDArray q = parts.get(0).reshape(b * heads, ch, length);
            NDArray k = parts.get(1).reshape(b * heads, ch, length);
            NDArray v = parts.get(2).reshape(b * heads, ch, length);
            float scale = (float) (1 / Math.sqrt(Math.sqrt(ch)));
            NDArray a = Attention.attend(q, k, v, scale, 1f).reshape(b, c, length);
            return flat.add(projOut.apply(ps, a, training)).reshape(shape);
        });
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), null, training));
    }
}
