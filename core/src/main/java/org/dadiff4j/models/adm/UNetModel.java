package org.dadiff4j.models.adm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.TorchPrior;
import org.dadiff4j.nn.Activations;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.GroupNorm;
import org.dadiff4j.nn.Linear;
import org.dadiff4j.nn.ModuleList;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.TorchBlock;

/**
 * guided-diffusion's ADM {@code UNetModel} (Dhariwal &amp; Nichol 2021), unconditional, 2-D, with
 * the state_dict names of the official checkpoints. Input (x [N, 3, H, W], t [N] float32); output
 * [N, out, H, W] with out = 6 when learn_sigma (ε, then the variance interpolation values).
 */
public final class UNetModel extends TorchBlock {

    private final AdmConfig config;
    private final Linear embed0;
    private final Linear embed2;
    private final List<EmbedSequential> inputBlocks = new ArrayList<>();
    private final EmbedSequential middle;
    private final List<EmbedSequential> outputBlocks = new ArrayList<>();
    private final GroupNorm outNorm;
    private final Conv2d outConv;

    public UNetModel(AdmConfig config) {
        this.config = config;
        int mc = config.numChannels();
        int embDim = 4 * mc;
        double[] mult = config.resolvedChannelMult();
        Set<Integer> attentionDs = config.attentionDownsampleFactors();
        boolean ss = config.useScaleShiftNorm();
        boolean updown = config.resblockUpdown();

        ModuleList timeEmbed = child("time_embed", new ModuleList());
        embed0 = timeEmbed.add("0", Linear.builder().setInFeatures(mc).setOutFeatures(embDim).build());
        embed2 = timeEmbed.add("2", Linear.builder().setInFeatures(embDim).setOutFeatures(embDim).build());

        ModuleList input = child("input_blocks", new ModuleList());
        int ch = (int) (mult[0] * mc);
        int inputCh = ch;
        inputBlocks.add(new EmbedSequential().add(AdmLayers.conv3(3, ch)));
        Deque<Integer> skipChannels = new ArrayDeque<>();
        skipChannels.push(ch);
        int ds = 1;
        for (int level = 0; level < mult.length; level++) {
            for (int i = 0; i < config.numResBlocks(); i++) {
                int out = (int) (mult[level] * mc);
                EmbedSequential block = new EmbedSequential().add(new ResBlock(ch, embDim, out, ss, ResBlock.Resize.NONE));
                ch = out;
                if (attentionDs.contains(ds)) {
                    block.add(attention(ch, config.numHeads()));
                }
                inputBlocks.add(block);
                skipChannels.push(ch);
            }
            if (level != mult.length - 1) {
                inputBlocks.add(new EmbedSequential().add(updown
                        ? new ResBlock(ch, embDim, ch, ss, ResBlock.Resize.DOWN)
                        : Resample.down(ch, true)));
                skipChannels.push(ch);
                ds *= 2;
            }
        }
        for (int i = 0; i < inputBlocks.size(); i++) {
            input.add(Integer.toString(i), inputBlocks.get(i));
        }

        middle = child("middle_block", new EmbedSequential()
                .add(new ResBlock(ch, embDim, ch, ss, ResBlock.Resize.NONE))
                .add(attention(ch, config.numHeads()))
                .add(new ResBlock(ch, embDim, ch, ss, ResBlock.Resize.NONE)));

        ModuleList output = child("output_blocks", new ModuleList());
        for (int level = mult.length - 1; level >= 0; level--) {
            for (int i = 0; i <= config.numResBlocks(); i++) {
                int skipCh = skipChannels.pop();
                int out = (int) (mc * mult[level]);
                EmbedSequential block = new EmbedSequential().add(
                        new ResBlock(ch + skipCh, embDim, out, ss, ResBlock.Resize.NONE));
                ch = out;
                if (attentionDs.contains(ds)) {
                    block.add(attention(ch, config.resolvedNumHeadsUpsample()));
                }
                if (level > 0 && i == config.numResBlocks()) {
                    block.add(updown ? new ResBlock(ch, embDim, ch, ss, ResBlock.Resize.UP) : Resample.up(ch, true));
                    ds /= 2;
                }
                output.add(Integer.toString(outputBlocks.size()), block);
                outputBlocks.add(block);
            }
        }

        ModuleList out = child("out", new ModuleList());
        outNorm = out.add("0", AdmLayers.norm(ch));
        outConv = out.add("2", AdmLayers.conv3(inputCh, config.outChannels()));
    }

    private AttentionBlock attention(int ch, int heads) {
        return new AttentionBlock(ch, heads, config.numHeadChannels(), config.useNewAttentionOrder());
    }

    public AdmConfig config() {
        return config;
    }

    /** This network as a {@link DiffusionPrior} (ε = output channels 0-2). */
    public TorchPrior asPrior() {
        int levels = config.resolvedChannelMult().length;
        return new TorchPrior(this, config.imageSize(), 1 << (levels - 1), config.learnSigma());
    }

    /**
     * Sinusoidal embedding [N, dim] of timesteps t [N]: [cos(t·f), sin(t·f)] with
     * f_i = exp(-ln(10000)·i/half), in float32 and in guided-diffusion's op order.
     */
    public static NDArray timestepEmbedding(NDArray t, int dim) {
        return Scopes.keep(() -> {
            int half = dim / 2;
            NDManager m = t.getManager();
            NDArray freqs = m.arange(0f, half, 1f, DataType.FLOAT32)
                    .mul((float) -Math.log(10000)).div((float) half).exp();
            NDArray args = t.toType(DataType.FLOAT32, false).reshape(-1, 1).mul(freqs.reshape(1, -1));
            NDArray emb = args.cos().concat(args.sin(), 1);
            return dim % 2 == 0 ? emb : emb.concat(m.zeros(new Shape(emb.getShape().get(0), 1)), 1);
        });
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray t = inputs.get(1);
        return new NDList(Scopes.keep(() -> {
            NDArray emb = embed2.apply(ps, Activations.silu(
                    embed0.apply(ps, timestepEmbedding(t, config.numChannels()), training)), training);
            Deque<NDArray> hs = new ArrayDeque<>();
            NDArray h = x;
            for (EmbedSequential block : inputBlocks) {
                h = block.apply(ps, h, emb, training);
                hs.push(h);
            }
            h = middle.apply(ps, h, emb, training);
            for (EmbedSequential block : outputBlocks) {
                NDArray skip = hs.pop();
                NDArray cat = h.concat(skip, 1);
                h.close();
                skip.close();
                h = block.apply(ps, cat, emb, training);
                cat.close();
            }
            NDArray y = Activations.silu(outNorm.apply(ps, h, training));
            return outConv.apply(ps, y, training);
        }));
    }
}
