package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;

/** Test helpers: give a block's tensors chosen values, run it, read results. */
final class Weights {

    private Weights() {}

    static void init(TorchBlock block, NDManager m) {
        block.initialize(m, DataType.FLOAT32);
    }

    static void set(TorchBlock block, String key, float... values) {
        block.stateDict().get(key).getArray().set(values);
    }

    static float[] run(UnaryBlock block, NDArray x) {
        return block.apply(new ParameterStore(x.getManager(), false), x, false).toFloatArray();
    }

    static void assertClose(float[] expected, float[] actual, double tol) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            org.junit.jupiter.api.Assertions.assertEquals(expected[i], actual[i], tol, "element " + i);
        }
    }
}
