package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.ReflectionPad2d;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.UnaryBlock;

/**
 * The encoder's residual block: {@code conv_block = [reflect-pad 1, conv3, lrelu, reflect-pad 1,
 * conv3]} and out = lrelu(x + conv_block(x)). The nn.Sequential holds no tensors of its own, so
 * its convs are registered directly under "conv_block.1" and "conv_block.4".
 */
final class ResnetBlock extends UnaryBlock {

    private final Conv2d conv1;
    private final Conv2d conv2;

    ResnetBlock(int dim) {
        conv1 = child("conv_block.1", Ops.conv(dim, dim, 3, 0));
        conv2 = child("conv_block.4", Ops.conv(dim, dim, 3, 0));
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return Scopes.keep(() -> {
            NDArray y = conv1.apply(ps, ReflectionPad2d.pad(x, 1), training);
            y = conv2.apply(ps, ReflectionPad2d.pad(Ops.lrelu(y), 1), training);
            return Ops.lrelu(y.addi(x));
        });
    }
}
