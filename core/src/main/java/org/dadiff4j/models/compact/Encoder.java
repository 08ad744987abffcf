package org.dadiff4j.models.compact;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.nn.Upsample;

/**
 * E: reads the degradation of an LQ image (at LR resolution) into a spatial representation at the
 * same resolution. Two stride-2 convs widen the view (blur, noise and JPEG are regional), residual
 * blocks follow, the image-wide mean of the features is appended to every position, a 1×1 conv
 * mixes both, and the result is either pooled to one vector per image ([N, R, 1, 1]) or resized back
 * bilinearly to a map. With stats pooling (the default; see {@link CompactConfig}) the 1×1 conv
 * reads the image-wide mean and standard deviation of the features instead, giving [N, R, 1, 1].
 * With cues, a 1×1 conv of the LQ image's measured {@link Cues} is added to the result.
 */
final class Encoder extends TorchBlock {

    /** Keeps the gradient of the standard deviation finite on a flat image. */
    private static final float EPS = 1e-6f;

    private final Conv2d head;
    private final Conv2d down1;
    private final Conv2d down2;
    private final List<Conv2d[]> blocks = new ArrayList<>();
    private final Conv2d out;
    private final Conv2d cues;

    private final boolean pooled;
    private final boolean stats;

    Encoder(int in, int channels, int depth, int reprChannels, boolean global, boolean stats, boolean withCues) {
        this.pooled = global;
        this.stats = stats;
        head = child("head", Layers.conv(in, channels, 3));
        down1 = child("down1", strided(channels));
        down2 = child("down2", strided(channels));
        for (int i = 0; i < depth; i++) {
            blocks.add(new Conv2d[] {
                child("blocks." + i + ".conv1", Layers.conv(channels, channels, 3)),
                child("blocks." + i + ".conv2", Layers.conv(channels, channels, 3))});
        }
        out = child("out", Layers.conv(2 * channels, reprChannels, 1));
        // Starts at zero, so that adding the cues to a trained E changes nothing until training uses them.
        cues = withCues ? child("cues", Layers.conv(Cues.SIZE, reprChannels, 1)) : null;
        if (cues != null) {
            cues.stateDict().values().forEach(p -> p.setInitializer(Initializer.ZEROS));
        }
    }

    private static Conv2d strided(int channels) {
        return Conv2d.builder().setInChannels(channels).setOutChannels(channels).setKernel(3)
                .optStride(2).optPadding(1).build();
    }

    /** {@code lq} is the image {@code x} was made from, which the cues read. */
    NDArray apply(ParameterStore ps, NDArray x, NDArray lq, boolean training) {
        return Scopes.keep(() -> {
            NDArray r = learnt(ps, x, training);
            return cues == null ? r : r.add(cues.apply(ps, Cues.of(lq), training));
        });
    }

    private NDArray learnt(ParameterStore ps, NDArray x, boolean training) {
        return Scopes.keep(() -> {
            NDArray h = Layers.lrelu(head.apply(ps, x, training));
            h = Layers.lrelu(down1.apply(ps, h, training));
            h = Layers.lrelu(down2.apply(ps, h, training));
            for (Conv2d[] b : blocks) {
                NDArray t = b[0].apply(ps, h, training);
                h = h.add(b[1].apply(ps, Layers.lrelu(t), training));
            }
            NDArray mean = Layers.imageMean(h);
            if (stats) {
                NDArray std = Layers.imageMean(h.sub(mean).square()).add(EPS).sqrt();
                return out.apply(ps, NDArrays.concat(new NDList(mean, std), 1), training);
            }
            NDArray global = mean.broadcast(h.getShape());
            NDArray r = out.apply(ps, Layers.lrelu(NDArrays.concat(new NDList(h, global), 1)), training);
            if (pooled) {
                return Layers.imageMean(r);
            }
            Shape s = x.getShape();
            return Upsample.bilinear(r, s.get(2), s.get(3));
        });
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        return new NDList(apply(ps, x, inputs.size() > 1 ? inputs.get(1) : x, training));
    }
}
