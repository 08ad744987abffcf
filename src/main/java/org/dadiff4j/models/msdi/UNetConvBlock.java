package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.InstanceNorm2d;
import org.dadiff4j.nn.TorchBlock;

/**
 * HINet's conv block: out = lrelu(conv_2(lrelu(HIN(conv_1(x))))) + identity(x), where HIN
 * ("half instance norm") normalises the first half of the channels with an affine instance norm.
 * With a downsample conv (4x4, stride 2, no bias) it returns [down(out), out], else [out].
 */
final class UNetConvBlock extends TorchBlock {

    private final PlainConv identity;
    private final PlainConv conv1;
    private final PlainConv conv2;
    private final InstanceNorm2d norm;
    private final PlainConv downsample;
    private final int half;

    UNetConvBlock(int in, int out, boolean downsample, boolean hin) {
        identity = child("identity", new PlainConv(in, out, 1, 1, 0, true));
        conv1 = child("conv_1", new PlainConv(in, out, 3, 1, 1, true));
        conv2 = child("conv_2", new PlainConv(out, out, 3, 1, 1, true));
        half = out / 2;
        norm = hin ? child("norm", new InstanceNorm2d(half, true)) : null;
        this.downsample = downsample ? child("downsample", new PlainConv(out, out, 4, 2, 1, false)) : null;
    }

    NDList apply(NDArray x) {
        return Scoped.list(() -> {
            NDArray out = conv1.apply(x);
            if (norm != null) {
                NDArray first = out.get(new NDIndex(":, :" + half));
                NDArray second = out.get(new NDIndex(":, " + half + ":"));
                out = NDArrays.concat(new NDList(norm.apply(first), second), 1);
            }
            out = Ops.lrelu(conv2.apply(Ops.lrelu(out)));
            out.addi(identity.apply(x));
            return downsample == null ? new NDList(out) : new NDList(downsample.apply(out), out);
        });
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return apply(inputs.singletonOrThrow());
    }
}
