package org.dadiff4j.eval.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.ModuleList;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.Upsample;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.StrictLoader;
import org.dadiff4j.weights.WeightsFile;

/**
 * LPIPS v0.1 (Zhang et al. 2018, {@code lpips.LPIPS(net, version='0.1')}) in eval mode, for
 * images in [0,1] as with the official {@code normalize=True}: x → 2x − 1, the scaling layer,
 * the backbone's five ReLU outputs, each normalised over channels, squared difference, the
 * learned 1×1 head {@code lin{k}}, mean over H and W, and the sum over layers.
 *
 * <p>Heads: the official code loads {@code weights/v0.1/{alex,vgg}.pth} with
 * {@code load_state_dict(strict=False)}, which ignores extra keys <em>and</em> silently keeps
 * random heads if a key is missing. Here the extra keys are ignored too (so a whole LPIPS module
 * state dict also works), but each {@code lin{k}.model.1.weight} must be present with its shape.
 */
public final class Lpips implements AutoCloseable {

    /** The backbone, with the channel counts of its five compared layers. */
    public enum Net {
        ALEX(ConvFeatures::alexnet, 64, 192, 384, 256, 256),
        VGG(ConvFeatures::vgg16, 64, 128, 256, 512, 512);

        private final Supplier<ConvFeatures> backbone;
        private final int[] channels;

        Net(Supplier<ConvFeatures> backbone, int... channels) {
            this.backbone = backbone;
            this.channels = channels;
        }
    }

    private static final float[] SHIFT = {-.030f, -.088f, -.188f};
    private static final float[] SCALE = {.458f, .448f, .450f};
    private static final float NORM_EPS = 1e-10f;

    private final NDManager manager;
    private final ConvFeatures backbone;
    private final Conv2d[] lins;
    private final NDArray shift;
    private final NDArray scale;

    private Lpips(Net net, StateDict backboneSd, StateDict headsSd) {
        manager = NDManager.newBaseManager();
        try {
            backbone = net.backbone.get();
            backbone.load(backboneSd, manager);
            ModuleList heads = new ModuleList();
            lins = new Conv2d[net.channels.length];
            StateDict headTensors = new StateDict(headsSd.source());
            for (int k = 0; k < lins.length; k++) {
                ModuleList model = heads.add("lin" + k, new ModuleList()).add("model", new ModuleList());
                lins[k] = model.add("1", Conv2d.builder().setInChannels(net.channels[k]).setOutChannels(1)
                        .setKernel(1).optBias(false).build());
                String key = "lin" + k + ".model.1.weight";
                if (headsSd.contains(key)) {
                    headTensors.put(key, headsSd.get(key));
                }
            }
            StrictLoader.load(heads, headTensors, manager);
            shift = manager.create(SHIFT, new Shape(1, 3, 1, 1));
            scale = manager.create(SCALE, new Shape(1, 3, 1, 1));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * LPIPS from the torchvision backbone file ({@code alexnet-owt-7be5be79.pth} or
     * {@code vgg16-397923af.pth}; only {@code features.*} is used) and the v0.1 heads file.
     */
    public static Lpips load(Net net, Path backbone, Path heads) {
        return of(net, WeightsFile.read(backbone), WeightsFile.read(heads));
    }

    /** LPIPS from state dicts laid out as those files. */
    public static Lpips of(Net net, StateDict backbone, StateDict heads) {
        return new Lpips(net, backbone, heads);
    }

    /** The distance per image pair, [N], of two [N,3,H,W] batches in [0,1]. */
    public NDArray distance(NDArray x0, NDArray x1) {
        return Scopes.keep(() -> {
            NDArray total = null;
            for (NDArray map : headMaps(x0, x1)) {
                NDArray term = spatialMean(map);
                total = total == null ? term : total.addi(term);
            }
            return total;
        });
    }

    /** The five per-layer summands, [N,5]; they add up to {@link #distance}. */
    public NDArray layerTerms(NDArray x0, NDArray x1) {
        return Scopes.keep(() -> {
            NDList terms = new NDList();
            for (NDArray map : headMaps(x0, x1)) {
                terms.add(spatialMean(map));
            }
            return NDArrays.stack(terms, 1);
        });
    }

    /** The official {@code spatial=True} output, [N,1,H,W]: every head map resized bilinearly to H×W and summed. */
    public NDArray spatialMap(NDArray x0, NDArray x1) {
        long h = x0.getShape().get(2);
        long w = x0.getShape().get(3);
        return Scopes.keep(() -> {
            NDArray total = null;
            for (NDArray map : headMaps(x0, x1)) {
                NDArray up = Upsample.bilinear(map, h, w);
                total = total == null ? up : total.addi(up);
            }
            return total;
        });
    }

    /** The five backbone outputs (before the channel normalisation) of a batch in [0,1]; the caller closes them. */
    public List<NDArray> features(NDArray x) {
        ParameterStore ps = new ParameterStore(x.getManager(), false);
        NDList out = new NDList();
        try (NDArray in = scaled(x)) {
            out.addAll(backbone.taps(ps, in));
        }
        return out;
    }

    /** lin_k((n0 − n1)²) per layer, [N,1,h_k,w_k]; to be called inside a scope. */
    private List<NDArray> headMaps(NDArray x0, NDArray x1) {
        if (!x0.getShape().equals(x1.getShape()) || x0.getShape().dimension() != 4 || x0.getShape().get(1) != 3) {
            throw new IllegalArgumentException("expected two [N,3,H,W] batches of one shape, got "
                    + x0.getShape() + " and " + x1.getShape());
        }
        ParameterStore ps = new ParameterStore(x0.getManager(), false);
        List<NDArray> f0 = features(x0);
        List<NDArray> f1 = features(x1);
        List<NDArray> maps = new ArrayList<>(lins.length);
        for (int k = 0; k < lins.length; k++) {
            try (NDArray n0 = unitChannels(f0.get(k)); NDArray n1 = unitChannels(f1.get(k)); NDArray d = n0.sub(n1)) {
                d.muli(d);
                maps.add(lins[k].apply(ps, d, false));
            }
            f0.get(k).close();
            f1.get(k).close();
        }
        return maps;
    }

    /** (2x − 1 − shift) / scale. */
    private NDArray scaled(NDArray x) {
        try (NDArray in = x.mul(2).subi(1); NDArray centred = in.sub(shift)) {
            return centred.div(scale);
        }
    }

    /** lpips.normalize_tensor: f / (sqrt(Σ_c f²) + 1e-10). */
    private static NDArray unitChannels(NDArray f) {
        try (NDArray sq = f.mul(f); NDArray sum = sq.sum(new int[] {1}, true); NDArray norm = sum.sqrt()) {
            return f.div(norm.addi(NORM_EPS));
        }
    }

    /** Mean over H and W of [N,1,h,w] maps, as [N]. */
    private static NDArray spatialMean(NDArray map) {
        try (NDArray flat = map.reshape(map.getShape().get(0), -1)) {
            return flat.mean(new int[] {1});
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
