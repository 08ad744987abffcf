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
            Leaf wide = new Leaf(64);
            wide.initialize(m, DataType.FLOAT32);
            assertUniform(wide.stateDict().get("weight").getArray().toFloatArray(), 1 / 8.0);
        }
    }

    /** The conv fan-in counts the kernel: [64, 16, 3, 3] has fan_in 144, so U(-1/12, 1/12). */
    @Test
    void convWeightsUseTheKernelInTheirFanIn() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] w = new TorchDefaultInitializer()
                    .initialize(m, new Shape(64, 16, 3, 3), DataType.FLOAT32).toFloatArray();
            assertUniform(w, 1 / 12.0);
        }
    }

    /**
     * U(-b, b): inside the bound, reaching near it, and with variance b^2/3 (within 10%: at least
     * seven standard errors for 4,096 draws). Zeros, constants or a wrong bound fail.
     */
    private static void assertUniform(float[] w, double bound) {
        double max = 0;
        double sum = 0;
        double sq = 0;
        for (float v : w) {
            assertTrue(Math.abs(v) <= bound + 1e-7, "kaiming-uniform bound " + bound + ": " + v);
            max = Math.max(max, Math.abs(v));
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / w.length;
        double var = sq / w.length - mean * mean;
        assertTrue(max > 0.95 * bound, "largest |w| " + max + " of bound " + bound);
        assertEquals(bound * bound / 3, var, 0.1 * bound * bound / 3, "variance");
        assertEquals(0, mean, 0.1 * bound, "mean");
    }
}
