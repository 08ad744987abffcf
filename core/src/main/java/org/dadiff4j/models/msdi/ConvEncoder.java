package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.ReflectionPad2d;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.UnaryBlock;
import org.dadiff4j.nn.Upsample;

/**
 * MSDI2E's degradation encoder E ({@code net_prior}, DADiff's {@code encoder2.ConvEncoder}, ndf 64):
 * an LQ image, bilinearly resized to 256x256 when it has another size, becomes the degradation
 * code prior_z [N, 2048, 8, 8].
 *
 * <p>layer1 (SN conv 3->64, stride 2, + instance norm), conv_7x7 on reflect-pad 3 of lrelu,
 * layer2..5 on lrelu (down to 1024 @ 8x8), three residual blocks, then {@code out}: three times
 * [reflect-pad 1, SN conv + instance norm, lrelu] to 2048 channels.
 */
public final class ConvEncoder extends UnaryBlock {

    /** The size the official encoder works at. */
    public static final int SIZE = 256;

    private static final int NDF = 64;

    private final SnConvNorm[] layers = new SnConvNorm[5];
    private final ResnetBlock[] res = new ResnetBlock[3];
    private final SnConvNorm[] out = new SnConvNorm[3];
    private final Conv2d conv7x7;

    public ConvEncoder() {
        int in = 3;
        for (int i = 0; i < layers.length; i++) {
            int width = NDF << i;
            layers[i] = child("layer" + (i + 1), new SnConvNorm(in, width, 2, 1));
            in = width;
        }
        for (int i = 0; i < res.length; i++) {
            res[i] = child("res_" + i, new ResnetBlock(in));
        }
        // Sequential indices 1, 4, 7: pads and activations sit in between.
        for (int i = 0; i < out.length; i++) {
            out[i] = child("out." + (1 + 3 * i), new SnConvNorm(i == 0 ? in : 2 * in, 2 * in, 1, 0));
        }
        conv7x7 = child("conv_7x7", Ops.conv(NDF, NDF, 7, 0));
    }

    /** prior_z for an NCHW image in [0, 1]; training mode advances every spectral norm once. */
    @Override
    public NDArray apply(ParameterStore ps, NDArray lq, boolean training) {
        return Scopes.keep(() -> {
            Shape s = lq.getShape();
            NDArray x = s.get(2) == SIZE && s.get(3) == SIZE ? lq : Upsample.bilinear(lq, SIZE, SIZE);
            x = layers[0].apply(ps, x, training);
            x = conv7x7.apply(ps, ReflectionPad2d.pad(Ops.lrelu(x), 3), training);
            for (int i = 1; i < layers.length; i++) {
                x = layers[i].apply(ps, Ops.lrelu(x), training);
            }
            for (ResnetBlock r : res) {
                x = r.apply(ps, x, training);
            }
            for (SnConvNorm o : out) {
                x = Ops.lrelu(o.apply(ps, ReflectionPad2d.pad(x, 1), training));
            }
            return x;
        });
    }
}
