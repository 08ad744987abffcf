package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.InstanceNorm2d;
import org.dadiff4j.nn.TorchBlock;

/**
 * HINet's conv block: out = lrelu(conv_2(lrelu(HIN(conv_1(x))))) + identity(x), where HIN
 * ("half instance norm") normalises the first half of the channels with an affine instance norm.
 * With a downsample conv (4x4, stride 2, no bias) it returns [down(out), out], else [out].
 */
final class UNetConvBlock extends TorchBlock {

    private final Conv2d identity;
    private final Conv2d conv1;
    private final Conv2d conv2;
    private final InstanceNorm2d norm;
    private final Conv2d downsample;
    private final int half;

    UNetConvBlock(int in, int out, boolean downsample, boolean hin) {
        identity = child("identity", Ops.conv(in, out, 1, 0));
        conv1 = child("conv_1", Ops.conv(in, out, 3, 1));
        conv2 = child("conv_2", Ops.conv(out, out, 3, 1));
        half = out / 2;
        norm = hin ? child("norm", new InstanceNorm2d(half, true)) : null;
        this.downsample = downsample ? child("downsample", Conv2d.builder().setInChannels(out)
                .setOutChannels(out).setKernel(4).optStride(2).optPadding(1).optBias(false).build()) : null;
    }

    NDList apply(ParameterStore ps, NDArray x, boolean training) {
        return Scoped.list(() -> {
            NDArray out = conv1.apply(ps, x, training);
            if (norm != null) {
                NDArray first = out.get(new NDIndex(":, :" + half));
                NDArray second = out.get(new NDIndex(":, " + half + ":"));
                out = NDArrays.concat(new NDList(norm.apply(ps, first, training), second), 1);
            }
            out = Ops.lrelu(conv2.apply(ps, Ops.lrelu(out), training));
            out.addi(identity.apply(ps, x, training));
            return downsample == null ? new NDList(out) : new NDList(downsample.apply(ps, out, training), out);
        });
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return apply(ps, inputs.singletonOrThrow(), training);
    }
}
