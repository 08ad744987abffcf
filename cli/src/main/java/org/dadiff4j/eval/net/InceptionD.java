package org.dadiff4j.eval.net;

import static org.dadiff4j.eval.net.BasicConv2d.chain;
import static org.dadiff4j.eval.net.BasicConv2d.square;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.List;

/** torchvision's {@code InceptionD} (Mixed_7a): strided reduction 17×17 → 8×8. */
final class InceptionD extends Mixed {

    private final BasicConv2d b3a;
    private final BasicConv2d b3b;
    private final BasicConv2d b7a;
    private final BasicConv2d b7b;
    private final BasicConv2d b7c;
    private final BasicConv2d b7d;

    InceptionD(int in) {
        b3a = child("branch3x3_1", square(in, 192, 1, 1, 0));
        b3b = child("branch3x3_2", square(192, 320, 3, 2, 0));
        b7a = child("branch7x7x3_1", square(in, 192, 1, 1, 0));
        b7b = child("branch7x7x3_2", new BasicConv2d(192, 192, 1, 7, 1, 0, 3));
        b7c = child("branch7x7x3_3", new BasicConv2d(192, 192, 7, 1, 1, 3, 0));
        b7d = child("branch7x7x3_4", square(192, 192, 3, 2, 0));
    }

    @Override
    List<NDArray> branches(ParameterStore ps, NDArray x) {
        return List.of(chain(ps, x, b3a, b3b), chain(ps, x, b7a, b7b, b7c, b7d), Pooling.max(x, 3, 2, 0));
    }
}
