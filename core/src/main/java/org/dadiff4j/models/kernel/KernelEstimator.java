package org.dadiff4j.models.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dadiff4j.DadiffException;
import org.dadiff4j.degrade.Kernel;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.Linear;
import org.dadiff4j.nn.ModuleList;
import org.dadiff4j.nn.Scalars;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.UnaryBlock;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.StrictLoader;
import org.dadiff4j.weights.WeightsFile;

/**
 * LR image to blur kernel: a fully convolutional trunk (a 3x3 conv, then three stages of a
 * stride-2 3x3 conv and a 3x3 conv, widths w, 2w, 2w, 4w, LeakyReLU 0.2), global average pooling,
 * and a linear layer to k*k logits, whose softmax is the kernel: non-negative and summing to 1.
 * With w = 32 and k = 21 it has about 0.41M parameters. Any input size works; the kernel is in
 * HR pixels, as the degradation pipeline records it.
 *
 * <p>Input: RGB [N, 3, H, W] in [0, 1]. Output of {@link #apply}: [N, k, k].
 */
public final class KernelEstimator extends UnaryBlock {

    /** The {@code model} value of our JSON configs. */
    public static final String MODEL = "kernel-estimator";

    private final int kernelSize;
    private final int width;
    private final int scale;
    private final Conv2d convIn;
    private final List<Conv2d> body = new ArrayList<>();
    private final Linear head;

    private KernelEstimator(Builder b) {
        if (b.kernelSize < 1 || b.kernelSize % 2 != 1 || b.width < 1 || b.scale < 0) {
            throw new IllegalArgumentException("kernel estimator needs an odd kernel size, a positive width and a scale"
                    + " of 0 (unrecorded) or more, got " + b.kernelSize + ", " + b.width + ", " + b.scale);
        }
        kernelSize = b.kernelSize;
        width = b.width;
        scale = b.scale;
        convIn = child("conv_in", conv(3, width, 1));
        ModuleList list = child("body", new ModuleList());
        int[] widths = {width, 2 * width, 2 * width, 4 * width};
        for (int stage = 0; stage < 3; stage++) {
            body.add(list.add(String.valueOf(2 * stage), conv(widths[stage], widths[stage + 1], 2)));
            body.add(list.add(String.valueOf(2 * stage + 1), conv(widths[stage + 1], widths[stage + 1], 1)));
        }
        head = child("head", Linear.builder().setInFeatures(4 * width).setOutFeatures(kernelSize * kernelSize).build());
    }

    private static Conv2d conv(int in, int out, int stride) {
        return Conv2d.builder().setInChannels(in).setOutChannels(out).setKernel(3).optPadding(1).optStride(stride).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int kernelSize() {
        return kernelSize;
    }

    /**
     * The scale its training pairs had, or 0 where the config does not say: the same HR kernel
     * looks different in an LR image of another scale, so an estimator fits one scale.
     */
    public int scale() {
        return scale;
    }

    public int width() {
        return width;
    }

    /** Number of trainable values. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : stateDict().values()) {
            n += p.getShape().size();
        }
        return n;
    }

    /** The k*k logits [N, k*k] whose softmax is the kernel (for losses that want log-probabilities). */
    public NDArray logits(ParameterStore ps, NDArray x, boolean training) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != 3) {
            throw new DadiffException("kernel estimator: input " + s + " is not an RGB batch [N, 3, H, W]");
        }
        return Scopes.keep(() -> {
            NDArray h = Activation.leakyRelu(convIn.apply(ps, x.mul(2f).subi(1f), training), 0.2f);
            for (Conv2d c : body) {
                h = Activation.leakyRelu(c.apply(ps, h, training), 0.2f);
            }
            Shape hs = h.getShape();
            return head.apply(ps, Scalars.divi(h.sum(new int[] {2, 3}), hs.get(2) * hs.get(3)), training);
        });
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return Scopes.keep(() -> logits(ps, x, training).softmax(1).reshape(x.getShape().get(0), kernelSize, kernelSize));
    }

    /** Kernels [N, k, k] of a batch, for inference. */
    public NDArray estimate(NDArray x) {
        return apply(new ParameterStore(x.getManager(), false), x, false);
    }

    /** The kernel of one RGB image in [0, 1]. */
    public Kernel estimate(Planes lr, NDManager manager) {
        if (lr.channels() != 3) {
            throw new DadiffException("kernel estimator: the image has " + lr.channels() + " channels, not RGB");
        }
        try (NDManager m = manager.newSubManager()) {
            float[] chw = new float[3 * lr.width * lr.height];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(lr.c[c], 0, chw, c * lr.width * lr.height, lr.width * lr.height);
            }
            return new Kernel(kernelSize, estimate(m.create(chw, new Shape(1, 3, lr.height, lr.width))).toFloatArray());
        }
    }

    /** Initialises every tensor in float32 (PyTorch's default initialisation). */
    public KernelEstimator initialized(NDManager manager) {
        initialize(manager, DataType.FLOAT32);
        return this;
    }

    /** The configuration our JSON files carry. */
    public JsonObject config() {
        JsonObject c = new JsonObject();
        c.addProperty("model", MODEL);
        c.addProperty("kernelSize", kernelSize);
        c.addProperty("width", width);
        if (scale > 0) {
            c.addProperty("scale", scale);
        }
        return c;
    }

    /** Writes {@code base.safetensors} and {@code base.json} ({@link #config()} plus {@code extra}'s entries). */
    public void save(Path base, JsonObject extra) {
        JsonObject c = config();
        if (extra != null) {
            extra.entrySet().forEach(e -> c.add(e.getKey(), e.getValue()));
        }
        WeightsFile.save(base, StateDict.fromBlock(this), c);
    }

    /** An estimator rebuilt from a config and weights written by {@link #save}, its arrays in {@code manager}. */
    public static KernelEstimator load(Path base, NDManager manager) {
        WeightsFile f = WeightsFile.load(base);
        JsonObject c = f.config();
        Path json = WeightsFile.configPath(base);
        if (!c.has("model") || !MODEL.equals(c.get("model").getAsString())) {
            throw DadiffException.of(json, "not a " + MODEL + " config (model is " + c.get("model") + ")", null);
        }
        KernelEstimator e;
        try {
            e = builder().optKernelSize(c.get("kernelSize").getAsInt()).optWidth(c.get("width").getAsInt())
                    .optScale(c.has("scale") ? c.get("scale").getAsInt() : 0).build();
        } catch (RuntimeException ex) {
            throw DadiffException.of(json, "bad kernel estimator config: "
                    + org.dadiff4j.JsonFiles.describeValueError(ex), ex);
        }
        StrictLoader.load(e, f.stateDict(), manager);
        return e;
    }

    /** Builds a {@link KernelEstimator}; k = 21 and w = 32 unless set. */
    public static final class Builder {
        private int kernelSize = 21;
        private int width = 32;
        private int scale;

        private Builder() {}

        /** The scale of the training pairs, recorded in the config (0: not recorded). */
        public Builder optScale(int scale) {
            this.scale = scale;
            return this;
        }

        public Builder optKernelSize(int kernelSize) {
            this.kernelSize = kernelSize;
            return this;
        }

        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        public KernelEstimator build() {
            return new KernelEstimator(this);
        }
    }
}
