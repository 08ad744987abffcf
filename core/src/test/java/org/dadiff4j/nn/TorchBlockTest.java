package org.dadiff4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TorchBlockTest {

    static final class Leaf extends TorchBlock {
        Leaf(int n) {
            weight("weight", new Shape(n, n));
            bias("bias", new Shape(n));
            buffer("running_var", new Shape(n), Parameter.Type.RUNNING_VAR);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training,
                PairList<String, Object> params) {
            return in;
        }
    }

    static final class Tree extends TorchBlock {
        Tree() {
            bias("scale", new Shape(1));
            child("input_blocks", new Leaf(2));
            child("0", new Leaf(3));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training,
                PairList<String, Object> params) {
            return in;
        }
    }

    @Test
    void stateDictUsesTorchNamesInRegistrationOrder() {
        Tree t = new Tree();
        assertEquals(List.of("scale", "input_blocks.weight", "input_blocks.bias",
                "input_blocks.running_var", "0.weight", "0.bias", "0.running_var"),
                List.copyOf(t.stateDict().keySet()));
    }

    @Test
    void initializeNeedsNoInputShapesAndFollowsTorchDefaults() {
        Tree t = new Tree();
        assertFalse(t.isInitialized());
        try (NDManager m = NDManager.newBaseManager()) {
            t.initialize(m, DataType.FLOAT32);
            assertTrue(t.isInitialized());
            var sd = t.stateDict();
            assertArrayEquals(new float[] {1, 1, 1}, sd.get("0.running_var").getArray().toFloatArray());
            assertArrayEquals(new float[] {0, 0}, sd.get("input_blocks.bias").getArray().toFloatArray());
            float[] w = sd.get("0.weight").getArray().toFloatArray();
            float bound = (float) (1 / Math.sqrt(3));
            for (float v : w) {
                assertTrue(Math.abs(v) <= bound, "kaiming-uniform bound");
            }
            assertTrue(sd.get("0.weight").requiresGradient());
            assertFalse(sd.get("0.running_var").requiresGradient());
        }
    }
}
