package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.ReflectionPad2d;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.SpectralNormConv2d;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.nn.UnaryBlock;
import org.dadiff4j.nn.Upsample;

/**
 * MSDI2E's {@code prior_upsampling} (wf 64): five up blocks turn prior_z [N, 2048, 8, 8] into the
 * SPADE latents, returned finest first: [64 @ 256, 128 @ 128, 256 @ 64, 512 @ 32] (the 1024 @ 16
 * map of the first block is not returned, as in the official code).
 */
public final class PriorUpsampling extends TorchBlock {

    private static final int WF = 64;

    private final UpConvBlock[] ups = new UpConvBlock[5];

    public PriorUpsampling() {
        for (int i = 0; i < ups.length; i++) {
            int in = (32 * WF) >> i;
            ups[i] = child("conv_latent_up" + (i + 2), new UpConvBlock(in, in / 2));
        }
    }

    /** The four latents, finest first; training mode advances every spectral norm once. */
    public NDList apply(ParameterStore ps, NDArray priorZ, boolean training) {
        return Scoped.list(() -> {
            NDArray[] latents = new NDArray[ups.length];
            NDArray x = priorZ;
            for (int i = 0; i < ups.length; i++) {
                x = ups[i].apply(ps, x, training);
                latents[i] = x;
            }
            return new NDList(latents[4], latents[3], latents[2], latents[1]);
        });
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return apply(ps, inputs.singletonOrThrow(), training);
    }

    /** [reflect-pad, SN conv, lrelu, nearest x2, reflect-pad, SN conv, lrelu]. */
    static final class UpConvBlock extends UnaryBlock {

        private final SpectralNormConv2d conv1;
        private final SpectralNormConv2d conv2;

        UpConvBlock(int in, int out) {
            conv1 = child("conv_block.1", SpectralNormConv2d.builder().setChannels(in, out).setKernel(3).build());
            conv2 = child("conv_block.5", SpectralNormConv2d.builder().setChannels(out, out).setKernel(3).build());
        }

        @Override
        public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
            return Scopes.keep(() -> {
                NDArray y = Ops.lrelu(conv1.apply(ps, ReflectionPad2d.pad(x, 1), training));
                y = Upsample.nearest2x(y);
                return Ops.lrelu(conv2.apply(ps, ReflectionPad2d.pad(y, 1), training));
            });
        }
    }
}
