package org.dadiff4j.eval.net;

import static org.dadiff4j.eval.net.BasicConv2d.chain;
import static org.dadiff4j.eval.net.BasicConv2d.square;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.List;

/** torchvision's {@code InceptionB} (Mixed_6a): strided reduction 35×35 → 17×17. */
final class InceptionB extends Mixed {

    private final BasicConv2d b3x3;
    private final BasicConv2d dbl1;
    private final BasicConv2d dbl2;
    private final BasicConv2d dbl3;

    InceptionB(int in) {
        b3x3 = child("branch3x3", square(in, 384, 3, 2, 0));
        dbl1 = child("branch3x3dbl_1", square(in, 64, 1, 1, 0));
        dbl2 = child("branch3x3dbl_2", square(64, 96, 3, 1, 1));
        dbl3 = child("branch3x3dbl_3", square(96, 96, 3, 2, 0));
    }

    @Override
    List<NDArray> branches(ParameterStore ps, NDArray x) {
        return List.of(b3x3.apply(ps, x, false), chain(ps, x, dbl1, dbl2, dbl3), Pooling.max(x, 3, 2, 0));
    }
}
