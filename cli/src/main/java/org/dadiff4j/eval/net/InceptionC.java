package org.dadiff4j.eval.net;

import static org.dadiff4j.eval.net.BasicConv2d.chain;
import static org.dadiff4j.eval.net.BasicConv2d.square;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.List;

/** pytorch-fid's {@code FIDInceptionC} (Mixed_6b..6e): factorised 7×7 convolutions, pool without the padding. */
final class InceptionC extends Mixed {

    private final BasicConv2d b1x1;
    private final BasicConv2d b7a;
    private final BasicConv2d b7b;
    private final BasicConv2d b7c;
    private final BasicConv2d dbl1;
    private final BasicConv2d dbl2;
    private final BasicConv2d dbl3;
    private final BasicConv2d dbl4;
    private final BasicConv2d dbl5;
    private final BasicConv2d pool;

    InceptionC(int in, int c7) {
        b1x1 = child("branch1x1", square(in, 192, 1, 1, 0));
        b7a = child("branch7x7_1", square(in, c7, 1, 1, 0));
        b7b = child("branch7x7_2", row(c7, c7));
        b7c = child("branch7x7_3", column(c7, 192));
        dbl1 = child("branch7x7dbl_1", square(in, c7, 1, 1, 0));
        dbl2 = child("branch7x7dbl_2", column(c7, c7));
        dbl3 = child("branch7x7dbl_3", row(c7, c7));
        dbl4 = child("branch7x7dbl_4", column(c7, c7));
        dbl5 = child("branch7x7dbl_5", row(c7, 192));
        pool = child("branch_pool", square(in, 192, 1, 1, 0));
    }

    /** Kernel (1, 7), padding (0, 3). */
    private static BasicConv2d row(int in, int out) {
        return new BasicConv2d(in, out, 1, 7, 1, 0, 3);
    }

    /** Kernel (7, 1), padding (3, 0). */
    private static BasicConv2d column(int in, int out) {
        return new BasicConv2d(in, out, 7, 1, 1, 3, 0);
    }

    @Override
    List<NDArray> branches(ParameterStore ps, NDArray x) {
        return List.of(b1x1.apply(ps, x, false), chain(ps, x, b7a, b7b, b7c),
                chain(ps, x, dbl1, dbl2, dbl3, dbl4, dbl5), avgPoolBranch(ps, x, pool));
    }
}
