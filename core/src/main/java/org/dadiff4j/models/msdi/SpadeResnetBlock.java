package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.SpectralNormConv2d;
import org.dadiff4j.nn.TorchBlock;

/**
 * DADiff's reduced SPADE residual block on a HINet skip: x + conv_0(lrelu(norm_0(x, latent))),
 * conv_0 being a 3x3 spectral-norm conv with bias (the usual second SPADE stage is absent).
 */
final class SpadeResnetBlock extends TorchBlock {

    private final SpectralNormConv2d conv0;
    private final Spade norm0;

    SpadeResnetBlock(int channels) {
        conv0 = child("conv_0", SpectralNormConv2d.builder().setChannels(channels, channels)
                .setKernel(3).optPadding(1).build());
        norm0 = child("norm_0", new Spade(channels, channels));
    }

    NDArray apply(ParameterStore ps, NDArray x, NDArray latent, boolean training) {
        return Scopes.keep(() -> conv0.apply(ps, Ops.lrelu(norm0.apply(ps, x, latent, training)), training).addi(x));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1), training));
    }
}
