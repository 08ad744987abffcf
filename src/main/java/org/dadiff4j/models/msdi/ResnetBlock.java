package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.ReflectionPad2d;
import org.dadiff4j.nn.TorchBlock;

/**
 * The encoder's residual block: {@code conv_block = [reflect-pad 1, conv3, lrelu, reflect-pad 1,
 * conv3]} and out = lrelu(x + conv_block(x)). The nn.Sequential holds no tensors of its own, so
 * its convs are registered directly under "conv_block.1" and "conv_block.4".
 */
final class ResnetBlock extends TorchBlock {

    private final PlainConv conv1;
    private final PlainConv conv2;

    ResnetBlock(int dim) {
        conv1 = child("conv_block.1", new PlainConv(dim, dim, 3, 1, 0, true));
        conv2 = child("conv_block.4", new PlainConv(dim, dim, 3, 1, 0, true));
    }

    NDArray apply(NDArray x) {
        return Scoped.one(() -> {
            NDArray y = conv1.apply(ReflectionPad2d.pad(x, 1));
            y = conv2.apply(ReflectionPad2d.pad(Ops.lrelu(y), 1));
            return Ops.lrelu(y.addi(x));
        });
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(inputs.singletonOrThrow()));
    }
}
