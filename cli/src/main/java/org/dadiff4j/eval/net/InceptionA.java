package org.dadiff4j.eval.net;

import static org.dadiff4j.eval.net.BasicConv2d.chain;
import static org.dadiff4j.eval.net.BasicConv2d.square;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.List;

/** pytorch-fid's {@code FIDInceptionA} (Mixed_5b..5d): the pool branch averages without the padding. */
final class InceptionA extends Mixed {

    private final BasicConv2d b1x1;
    private final BasicConv2d b5x5a;
    private final BasicConv2d b5x5b;
    private final BasicConv2d dbl1;
    private final BasicConv2d dbl2;
    private final BasicConv2d dbl3;
    private final BasicConv2d pool;

    InceptionA(int in, int poolFeatures) {
        b1x1 = child("branch1x1", square(in, 64, 1, 1, 0));
        b5x5a = child("branch5x5_1", square(in, 48, 1, 1, 0));
        b5x5b = child("branch5x5_2", square(48, 64, 5, 1, 2));
        dbl1 = child("branch3x3dbl_1", square(in, 64, 1, 1, 0));
        dbl2 = child("branch3x3dbl_2", square(64, 96, 3, 1, 1));
        dbl3 = child("branch3x3dbl_3", square(96, 96, 3, 1, 1));
        pool = child("branch_pool", square(in, poolFeatures, 1, 1, 0));
    }

    @Override
    List<NDArray> branches(ParameterStore ps, NDArray x) {
        return List.of(b1x1.apply(ps, x, false), chain(ps, x, b5x5a, b5x5b), chain(ps, x, dbl1, dbl2, dbl3),
                avgPoolBranch(ps, x, pool));
    }
}
