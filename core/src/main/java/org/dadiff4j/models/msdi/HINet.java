package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.TorchBlock;

/**
 * DADiff's generator HINet ({@code basicsr/models/archs/generator.py}, depth 5, HIN on all five
 * levels), the network behind both Gr (restoration) and Gd (degradation) of MSDI2E.
 *
 * <p>Down path: conv_01 (3 -> wf), five conv blocks with half instance norm, the first four
 * followed by a 4x4 stride-2 conv; their pre-downsampling outputs are the skips (wf..8wf). Up path
 * i = 0..3: skip 3-i is modulated by SPADE block {@code ad1_list[3-i]} with latent 3-i, then
 * ConvTranspose2d, concatenation and a conv block. Finally {@code last} (wf -> 3) plus the input.
 *
 * <p>State quirks kept for strict loading: {@code conv_02} is built but never used, and
 * {@code ad1_list} keeps 4 of the 5 SPADE blocks the constructor builds. H and W must be
 * multiples of 16.
 */
public final class HINet extends TorchBlock {

    /** Levels of the U-Net, fixed as in every released checkpoint. */
    public static final int DEPTH = 5;

    private final int wf;
    private final UNetConvBlock[] down = new UNetConvBlock[DEPTH];
    private final Conv2d conv01;
    private final SpadeResnetBlock[] spade = new SpadeResnetBlock[DEPTH - 1];
    private final UNetUpBlock[] up = new UNetUpBlock[DEPTH - 1];
    private final Conv2d last;

    /** {@code wf} is the width of the first level (64 in MSDI2E). */
    public HINet(int wf) {
        this.wf = wf;
        int prev = wf;
        for (int i = 0; i < DEPTH; i++) {
            down[i] = child("down_path_1." + i, new UNetConvBlock(prev, wf << i, i + 1 < DEPTH, true));
            prev = wf << i;
        }
        conv01 = child("conv_01", Ops.conv(3, wf, 3, 1));
        child("conv_02", Ops.conv(3, wf, 3, 1));
        for (int i = 0; i < DEPTH - 1; i++) {
            spade[i] = child("ad1_list." + i, new SpadeResnetBlock(wf << i));
        }
        for (int i = 0; i < DEPTH - 1; i++) {
            int out = wf << (DEPTH - 2 - i);
            up[i] = child("up_path_1." + i, new UNetUpBlock(prev, out));
            prev = out;
        }
        last = child("last", Ops.conv(prev, 3, 3, 1));
    }

    public int width() {
        return wf;
    }

    /**
     * The generator output for image {@code x} [N, 3, H, W] and the latents finest first
     * ([wf @ H], [2wf @ H/2], [4wf @ H/4], [8wf @ H/8], nearest-resized when their size differs).
     * Training mode uses batch statistics in SPADE and advances every spectral norm once.
     */
    public NDArray apply(ParameterStore ps, NDArray x, List<NDArray> latents, boolean training) {
        if (latents.size() != DEPTH - 1) {
            throw new IllegalArgumentException("HINet needs " + (DEPTH - 1) + " latents, got " + latents.size());
        }
        return Scopes.keep(() -> {
            NDArray h = conv01.apply(ps, x, training);
            List<NDArray> skips = new ArrayList<>();
            for (int i = 0; i < DEPTH; i++) {
                NDList o = down[i].apply(ps, h, training);
                h = o.get(0);
                if (o.size() == 2) {
                    skips.add(o.get(1));
                }
            }
            for (int i = 0; i < DEPTH - 1; i++) {
                int level = DEPTH - 2 - i;
                NDArray bridge = spade[level].apply(ps, skips.get(level), latents.get(level), training);
                h = up[i].apply(ps, h, bridge, training);
            }
            return last.apply(ps, h, training).addi(x);
        });
    }

    /** Inputs: x, latent0..latent3; output: the generated image. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.subList(1, inputs.size()), training));
    }
}
