package org.dadiff4j.models.compact;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.TorchBlock;

/** x + conv(lrelu(film(conv(lrelu(film(x, r))), r))): a residual block modulated by E's representation. */
final class ModResBlock extends TorchBlock {

    private final Film film1;
    private final Conv2d conv1;
    private final Film film2;
    private final Conv2d conv2;

    ModResBlock(int channels, int reprChannels) {
        film1 = child("film1", new Film(channels, reprChannels));
        conv1 = child("conv1", Layers.conv(channels, channels, 3));
        film2 = child("film2", new Film(channels, reprChannels));
        conv2 = child("conv2", Layers.conv(channels, channels, 3));
    }

    NDArray apply(ParameterStore ps, NDArray x, NDArray r, boolean training) {
        return Scopes.keep(() -> {
            NDArray h = conv1.apply(ps, Layers.lrelu(film1.apply(ps, x, r, training)), training);
            h = conv2.apply(ps, Layers.lrelu(film2.apply(ps, h, r, training)), training);
            return h.addi(x);
        });
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1), training));
    }
}
