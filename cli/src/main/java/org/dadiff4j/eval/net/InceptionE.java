package org.dadiff4j.eval.net;

import static org.dadiff4j.eval.net.BasicConv2d.square;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * pytorch-fid's {@code FIDInceptionE_1} (Mixed_7b: average pool without the padding) and
 * {@code FIDInceptionE_2} (Mixed_7c: a 3×3 <em>max</em> pool, as in the TensorFlow graph the
 * FID weights come from).
 */
final class InceptionE extends Mixed {

    private final boolean maxPool;
    private final BasicConv2d b1x1;
    private final BasicConv2d b3;
    private final BasicConv2d b3a;
    private final BasicConv2d b3b;
    private final BasicConv2d dbl1;
    private final BasicConv2d dbl2;
    private final BasicConv2d dbl3a;
    private final BasicConv2d dbl3b;
    private final BasicConv2d pool;

    InceptionE(int in, boolean maxPool) {
        this.maxPool = maxPool;
        b1x1 = child("branch1x1", square(in, 320, 1, 1, 0));
        b3 = child("branch3x3_1", square(in, 384, 1, 1, 0));
        b3a = child("branch3x3_2a", new BasicConv2d(384, 384, 1, 3, 1, 0, 1));
        b3b = child("branch3x3_2b", new BasicConv2d(384, 384, 3, 1, 1, 1, 0));
        dbl1 = child("branch3x3dbl_1", square(in, 448, 1, 1, 0));
        dbl2 = child("branch3x3dbl_2", square(448, 384, 3, 1, 1));
        dbl3a = child("branch3x3dbl_3a", new BasicConv2d(384, 384, 1, 3, 1, 0, 1));
        dbl3b = child("branch3x3dbl_3b", new BasicConv2d(384, 384, 3, 1, 1, 1, 0));
        pool = child("branch_pool", square(in, 192, 1, 1, 0));
    }

    @Override
    List<NDArray> branches(ParameterStore ps, NDArray x) {
        NDArray b3x3 = split(ps, b3.apply(ps, x, false), b3a, b3b);
        NDArray dbl = split(ps, BasicConv2d.chain(ps, x, dbl1, dbl2), dbl3a, dbl3b);
        return List.of(b1x1.apply(ps, x, false), b3x3, dbl, maxPool ? maxPoolBranch(ps, x) : avgPoolBranch(ps, x, pool));
    }

    private NDArray maxPoolBranch(ParameterStore ps, NDArray x) {
        try (NDArray pooled = Pooling.max(x, 3, 1, 1)) {
            return pool.apply(ps, pooled, false);
        }
    }

    /** The (1,3) and (3,1) convolutions of {@code h}, concatenated; {@code h} is closed. */
    private static NDArray split(ParameterStore ps, NDArray h, BasicConv2d a, BasicConv2d b) {
        try (h) {
            return NDArrays.concat(new NDList(a.apply(ps, h, false), b.apply(ps, h, false)), 1);
        }
    }
}
