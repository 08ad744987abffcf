package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.dadiff4j.nn.InstanceNorm2d;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.SpectralNormConv2d;
import org.dadiff4j.nn.UnaryBlock;

/**
 * SPADE's "spectralinstance" layer: {@code Sequential(spectral_norm(conv without bias),
 * InstanceNorm2d(affine=False))}, so the conv's tensors are under "0.".
 */
final class SnConvNorm extends UnaryBlock {

    private final SpectralNormConv2d conv;
    private final InstanceNorm2d norm;

    SnConvNorm(int in, int out, int stride, int padding) {
        conv = child("0", SpectralNormConv2d.builder().setChannels(in, out).setKernel(3)
                .optStride(stride).optPadding(padding).optBias(false).build());
        norm = child("1", new InstanceNorm2d(out, false));
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return Scopes.keep(() -> norm.apply(ps, conv.apply(ps, x, training), training));
    }
}
