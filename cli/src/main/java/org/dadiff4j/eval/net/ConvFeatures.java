package org.dadiff4j.eval.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.ModuleList;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.StrictLoader;

/**
 * The {@code features} part of torchvision's AlexNet or VGG16, up to the last ReLU that LPIPS and
 * DISTS read. Its state_dict keys are those of the torchvision ImageNet files
 * ({@code features.0.weight}, ...), so {@code alexnet-owt-7be5be79.pth} and
 * {@code vgg16-397923af.pth} load directly; their {@code classifier.*} entries are not used.
 *
 * <p>The forward pass returns the five ReLU outputs that LPIPS and DISTS compare (AlexNet relu1..5,
 * VGG16 relu1_2, relu2_2, relu3_3, relu4_3, relu5_3). DISTS replaces VGG's max pools by L2 pooling
 * ({@link #vgg16L2Pooling()}), which has no weights.
 */
public final class ConvFeatures extends TorchBlock {

    private static final String PREFIX = "features.";
    private static final float L2_POOL_EPS = 1e-12f;
    /** DISTS' "filter_size=5" L2 pooling: hanning(5)[1:-1] = [.5, 1, .5], outer product / 4 = [1,2,1]ᵀ[1,2,1] / 16. */
    private static final float[] L2_FILTER = {
        1 / 16f, 2 / 16f, 1 / 16f,
        2 / 16f, 4 / 16f, 2 / 16f,
        1 / 16f, 2 / 16f, 1 / 16f};

    private interface Layer {
        NDArray apply(ParameterStore ps, NDArray x);
    }

    private final ModuleList features;
    private final List<Layer> layers = new ArrayList<>();
    private final int[] taps;

    private ConvFeatures(int... taps) {
        this.features = child("features", new ModuleList());
        this.taps = taps;
    }

    /** AlexNet {@code features[0:12]}: outputs after ReLUs 1, 4, 7, 9, 11. */
    public static ConvFeatures alexnet() {
        ConvFeatures f = new ConvFeatures(1, 4, 7, 9, 11);
        f.conv(3, 64, 11, 4, 2).relu().maxPool(3, 2);
        f.conv(64, 192, 5, 1, 2).relu().maxPool(3, 2);
        f.conv(192, 384, 3, 1, 1).relu();
        f.conv(384, 256, 3, 1, 1).relu();
        f.conv(256, 256, 3, 1, 1).relu();
        return f;
    }

    /** VGG16 {@code features[0:30]} with its 2×2 max pools: outputs after ReLUs 3, 8, 15, 22, 29. */
    public static ConvFeatures vgg16() {
        return vgg16(false);
    }

    /** VGG16 as DISTS runs it: the max pools at 4, 9, 16, 23 replaced by L2 pooling. */
    public static ConvFeatures vgg16L2Pooling() {
        return vgg16(true);
    }

    private static ConvFeatures vgg16(boolean l2Pooling) {
        ConvFeatures f = new ConvFeatures(3, 8, 15, 22, 29);
        int[][] stages = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
        int in = 3;
        for (int s = 0; s < stages.length; s++) {
            if (s > 0) {
                if (l2Pooling) {
                    f.layers.add((ps, x) -> l2Pool(x));
                } else {
                    f.maxPool(2, 2);
                }
            }
            for (int out : stages[s]) {
                f.conv(in, out, 3, 1, 1).relu();
                in = out;
            }
        }
        return f;
    }

    private ConvFeatures conv(int in, int out, int kernel, int stride, int padding) {
        Conv2d c = features.add(Integer.toString(layers.size()), Conv2d.builder()
                .setInChannels(in).setOutChannels(out).setKernel(kernel).optStride(stride).optPadding(padding)
                .build());
        layers.add((ps, x) -> c.apply(ps, x, false));
        return this;
    }

    private ConvFeatures relu() {
        layers.add((ps, x) -> Activation.relu(x));
        return this;
    }

    private ConvFeatures maxPool(int kernel, int stride) {
        layers.add((ps, x) -> Pooling.max(x, kernel, stride, 0));
        return this;
    }

    /** DISTS' L2pooling: sqrt(depthwise conv(x², filter, stride 2, padding 1) + 1e-12). */
    private static NDArray l2Pool(NDArray x) {
        int c = Math.toIntExact(x.getShape().get(1));
        float[] w = new float[c * L2_FILTER.length];
        for (int i = 0; i < c; i++) {
            System.arraycopy(L2_FILTER, 0, w, i * L2_FILTER.length, L2_FILTER.length);
        }
        try (NDArray filter = x.getManager().create(w, new Shape(c, 1, 3, 3));
                NDArray squared = x.mul(x);
                NDArray pooled = ai.djl.nn.convolutional.Conv2d.conv2d(squared, filter, null,
                        new Shape(2, 2), new Shape(1, 1), new Shape(1, 1), c).singletonOrThrow()) {
            return pooled.addi(L2_POOL_EPS).sqrt();
        }
    }

    /**
     * Loads the {@code features.*} entries of a torchvision state dict (other entries, such as
     * {@code classifier.*}, are ignored); names and shapes of the features must match exactly.
     */
    public void load(StateDict torchvision, NDManager manager) {
        StateDict only = new StateDict(torchvision.source());
        torchvision.asMap().forEach((k, v) -> {
            if (k.startsWith(PREFIX)) {
                only.put(k, v);
            }
        });
        StrictLoader.load(this, only, manager);
    }

    /**
     * The five compared feature maps of {@code x} (already normalised as the metric requires). The
     * caller owns them; intermediates are closed as soon as they are used.
     */
    public List<NDArray> taps(ParameterStore ps, NDArray x) {
        List<NDArray> out = new ArrayList<>(taps.length);
        NDArray h = x;
        boolean keep = true;
        for (int i = 0; out.size() < taps.length; i++) {
            NDArray next = layers.get(i).apply(ps, h);
            if (!keep) {
                h.close();
            }
            h = next;
            keep = i == taps[out.size()];
            if (keep) {
                out.add(h);
            }
        }
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(taps(ps, inputs.singletonOrThrow()));
    }
}
