package org.dadiff4j.models.adm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.nn.UnaryBlock;

/** guided-diffusion's TimestepEmbedSequential: layers "0", "1", ... run in order, passing emb to those that take it. */
final class EmbedSequential extends TorchBlock implements EmbedBlock {

    private final List<EmbedBlock> layers = new ArrayList<>();

    EmbedSequential add(UnaryBlock layer) {
        register(layer);
        layers.add((ps, x, emb, training) -> layer.apply(ps, x, training));
        return this;
    }

    <B extends Block & EmbedBlock> EmbedSequential add(B layer) {
        register(layer);
        layers.add(layer);
        return this;
    }

    private void register(Block layer) {
        child(Integer.toString(layers.size()), layer);
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, NDArray emb, boolean training) {
        NDArray h = x;
        for (EmbedBlock layer : layers) {
            NDArray next = layer.apply(ps, h, emb, training);
            if (h != x) {
                h.close();
            }
            h = next;
        }
        return h;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1), training));
    }
}
