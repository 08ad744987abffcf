package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.ConvTranspose2d;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.TorchBlock;

/** HINet up step: conv_block(cat[ConvTranspose2d(k2, s2)(x), bridge]) with a block without HIN. */
final class UNetUpBlock extends TorchBlock {

    private final ConvTranspose2d up;
    private final UNetConvBlock block;

    UNetUpBlock(int in, int out) {
        up = child("up", new ConvTranspose2d(in, out, 2, true));
        block = child("conv_block", new UNetConvBlock(in, out, false, false));
    }

    NDArray apply(ParameterStore ps, NDArray x, NDArray bridge, boolean training) {
        return Scopes.keep(() -> block.apply(ps, NDArrays.concat(new NDList(up.apply(ps, x, training), bridge), 1),
                training).singletonOrThrow());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1), training));
    }
}
