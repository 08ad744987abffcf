package org.dadiff4j.eval.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.UnaryBlock;

/** An Inception "Mixed" block: parallel branches concatenated along channels, in torchvision's order. */
abstract class Mixed extends UnaryBlock {

    /** The branch outputs, in concatenation order. */
    abstract List<NDArray> branches(ParameterStore ps, NDArray x);

    @Override
    public final NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        return Scopes.keep(() -> NDArrays.concat(new NDList(branches(ps, x)), 1));
    }

    /** The branch_pool of FID's A, C and E_1 blocks: avg_pool2d(3, 1, 1, count_include_pad=False), then a conv. */
    static NDArray avgPoolBranch(ParameterStore ps, NDArray x, BasicConv2d conv) {
        try (NDArray pooled = Pooling.avgExcludingPad(x, 3, 1, 1)) {
            return conv.apply(ps, pooled, false);
        }
    }
}
