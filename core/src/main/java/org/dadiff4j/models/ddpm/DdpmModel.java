package org.dadiff4j.models.ddpm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.TorchPrior;
import org.dadiff4j.nn.Activations;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.GroupNorm;
import org.dadiff4j.nn.Linear;
import org.dadiff4j.nn.ModuleList;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.nn.Upsample;

/**
 * The DDPM "simple" {@code Model} of DDIM/SDEdit/DDNM (the CelebA-HQ prior), with the state_dict
 * names of {@code celeba_hq.ckpt}. Input (x [N, 3, H, W], t [N] float32); output ε [N, out_ch, H, W].
 */
public final class DdpmModel extends TorchBlock {

    /** One resolution level: its res blocks, their attention blocks (if any), and the resampling conv. */
    private static final class Level {
        final List<ResnetBlock> blocks = new ArrayList<>();
        final List<AttnBlock> attns = new ArrayList<>();
        final ModuleList node = new ModuleList();
        final ModuleList blockList = node.add("block", new ModuleList());
        final ModuleList attnList = node.add("attn", new ModuleList());
        Conv2d resampleConv;
        boolean resample;

        void addBlock(ResnetBlock b) {
            blocks.add(blockList.add(Integer.toString(blocks.size()), b));
        }

        void addAttn(AttnBlock a) {
            attns.add(attnList.add(Integer.toString(attns.size()), a));
        }
    }

    private final DdpmConfig config;
    private final Linear dense0;
    private final Linear dense1;
    private final Conv2d convIn;
    private final Level[] down;
    private final ResnetBlock mid1;
    private final AttnBlock midAttn;
    private final ResnetBlock mid2;
    private final Level[] up;
    private final GroupNorm normOut;
    private final Conv2d convOut;

    public DdpmModel(DdpmConfig config) {
        this.config = config;
        int ch = config.ch();
        int tembCh = 4 * ch;
        List<Integer> mult = config.chMult();
        int levels = mult.size();
        int nres = config.numResBlocks();
        boolean withConv = config.resampWithConv();

        ModuleList dense = child("temb", new ModuleList()).add("dense", new ModuleList());
        dense0 = dense.add("0", Linear.builder().setInFeatures(ch).setOutFeatures(tembCh).build());
        dense1 = dense.add("1", Linear.builder().setInFeatures(tembCh).setOutFeatures(tembCh).build());
        convIn = child("conv_in", DdpmLayers.conv(config.inChannels(), ch, 3, 1, 1));

        int res = config.imageSize();
        int blockIn = ch;
        down = new Level[levels];
        ModuleList downList = child("down", new ModuleList());
        for (int i = 0; i < levels; i++) {
            Level l = new Level();
            blockIn = ch * (i == 0 ? 1 : mult.get(i - 1));
            int blockOut = ch * mult.get(i);
            for (int b = 0; b < nres; b++) {
                l.addBlock(new ResnetBlock(blockIn, blockOut, tembCh));
                blockIn = blockOut;
                if (config.attnResolutions().contains(res)) {
                    l.addAttn(new AttnBlock(blockIn));
                }
            }
            if (i != levels - 1) {
                l.resample = true;
                l.resampleConv = resampleConv(l, "downsample", blockIn, withConv, 2, 0);
                res /= 2;
            }
            downList.add(Integer.toString(i), l.node);
            down[i] = l;
        }

        ModuleList midNode = child("mid", new ModuleList());
        mid1 = midNode.add("block_1", new ResnetBlock(blockIn, blockIn, tembCh));
        midAttn = midNode.add("attn_1", new AttnBlock(blockIn));
        mid2 = midNode.add("block_2", new ResnetBlock(blockIn, blockIn, tembCh));

        up = new Level[levels];
        for (int i = levels - 1; i >= 0; i--) {
            Level l = new Level();
            int blockOut = ch * mult.get(i);
            for (int b = 0; b <= nres; b++) {
                int skipIn = b == nres ? ch * (i == 0 ? 1 : mult.get(i - 1)) : ch * mult.get(i);
                l.addBlock(new ResnetBlock(blockIn + skipIn, blockOut, tembCh));
                blockIn = blockOut;
                if (config.attnResolutions().contains(res)) {
                    l.addAttn(new AttnBlock(blockIn));
                }
            }
            if (i != 0) {
                l.resample = true;
                l.resampleConv = resampleConv(l, "upsample", blockIn, withConv, 1, 1);
                res *= 2;
            }
            up[i] = l;
        }
        // PyTorch inserts each up level at the front, so the state_dict lists level 0 first.
        ModuleList upList = child("up", new ModuleList());
        for (int i = 0; i < levels; i++) {
            upList.add(Integer.toString(i), up[i].node);
        }
        normOut = child("norm_out", DdpmLayers.norm(blockIn));
        convOut = child("conv_out", DdpmLayers.conv(blockIn, config.outCh(), 3, 1, 1));
    }

    private static Conv2d resampleConv(Level l, String name, int channels, boolean withConv, int stride, int pad) {
        ModuleList node = l.node.add(name, new ModuleList());
        return withConv ? node.add("conv", DdpmLayers.conv(channels, channels, 3, stride, pad)) : null;
    }

    public DdpmConfig config() {
        return config;
    }

    /** This network as a {@link DiffusionPrior}. */
    public TorchPrior asPrior() {
        return new TorchPrior(this, config.imageSize(), 1 << (config.chMult().size() - 1), false);
    }

    /**
     * Sinusoidal embedding [N, dim]: [sin(t·f), cos(t·f)] with f_i = exp(-i·ln(10000)/(half-1)),
     * in float32 and in the DDPM code's op order.
     */
    public static NDArray timestepEmbedding(NDArray t, int dim) {
        return Scopes.keep(() -> {
            int half = dim / 2;
            NDManager m = t.getManager();
            NDArray freqs = m.arange(0f, half, 1f, DataType.FLOAT32)
                    .mul((float) -(Math.log(10000) / (half - 1))).exp();
            NDArray args = t.toType(DataType.FLOAT32, false).reshape(-1, 1).mul(freqs.reshape(1, -1));
            NDArray emb = args.sin().concat(args.cos(), 1);
            return dim % 2 == 0 ? emb : emb.concat(m.zeros(new Shape(emb.getShape().get(0), 1)), 1);
        });
    }

    private NDArray downsample(ParameterStore ps, Level l, NDArray x, boolean training) {
        if (l.resampleConv == null) {
            return Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
        }
        // Zero padding on the right and bottom only, then a 3×3 stride-2 conv without padding.
        try (NDArray padded = x.pad(new Shape(0, 1, 0, 1), 0)) {
            return l.resampleConv.apply(ps, padded, training);
        }
    }

    private NDArray upsample(ParameterStore ps, Level l, NDArray x, boolean training) {
        NDArray u = Upsample.nearest2x(x);
        if (l.resampleConv == null) {
            return u;
        }
        try (u) {
            return l.resampleConv.apply(ps, u, training);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray t = inputs.get(1);
        return new NDList(Scopes.keep(() -> {
            NDArray temb = dense1.apply(ps, Activations.silu(
                    dense0.apply(ps, timestepEmbedding(t, config.ch()), training)), training);
            Deque<NDArray> hs = new ArrayDeque<>();
            hs.push(convIn.apply(ps, x, training));
            for (Level l : down) {
                for (int b = 0; b < l.blocks.size(); b++) {
                    NDArray h = l.blocks.get(b).apply(ps, hs.peek(), temb, training);
                    if (!l.attns.isEmpty()) {
                        NDArray a = l.attns.get(b).apply(ps, h, training);
                        h.close();
                        h = a;
                    }
                    hs.push(h);
                }
                if (l.resample) {
                    hs.push(downsample(ps, l, hs.peek(), training));
                }
            }
            NDArray h = mid1.apply(ps, hs.peek(), temb, training);
            h = swap(h, midAttn.apply(ps, h, training));
            h = swap(h, mid2.apply(ps, h, temb, training));
            for (int i = up.length - 1; i >= 0; i--) {
                Level l = up[i];
                for (int b = 0; b < l.blocks.size(); b++) {
                    NDArray skip = hs.pop();
                    NDArray cat = h.concat(skip, 1);
                    h.close();
                    skip.close();
                    h = swap(cat, l.blocks.get(b).apply(ps, cat, temb, training));
                    if (!l.attns.isEmpty()) {
                        h = swap(h, l.attns.get(b).apply(ps, h, training));
                    }
                }
                if (l.resample) {
                    h = swap(h, upsample(ps, l, h, training));
                }
            }
            return convOut.apply(ps, DdpmLayers.normSwish(ps, normOut, h, training), training);
        }));
    }

    /** Closes {@code old} (an intermediate) and returns {@code next}. */
    private static NDArray swap(NDArray old, NDArray next) {
        old.close();
        return next;
    }
}
