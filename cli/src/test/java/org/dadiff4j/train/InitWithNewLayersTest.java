package org.dadiff4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Set;
import org.dadiff4j.DadiffException;
import org.dadiff4j.models.DegradationAwareModel.Representation;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.compact.CompactModel;
import org.dadiff4j.pipeline.RandomModels;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.StrictLoader;
import org.dadiff4j.weights.TensorData;
import org.junit.jupiter.api.Test;

/**
 * A model that gained layers (E's cue layer, deeper Gr) warm-starts from one without them, unchanged until
 * training moves the new layers.
 */
class InitWithNewLayersTest {

    private static CompactConfig tiny(boolean cues) {
        return new CompactConfig(4, 8, 1, 8, 1, 4, false, true, true, cues);
    }

    @Test
    void aModelWithCuesStartsFromOneWithoutAndComputesTheSame() {
        try (NDManager m = NDManager.newBaseManager();
                CompactModel old = CompactModel.create(tiny(false), 5);
                CompactModel grown = CompactModel.create(tiny(true), 99)) {
            StateDict init = TrainingLoop.withNewLayers(StateDict.fromBlock(old.net()), grown.net());
            assertEquals(Set.of("encoder.cues.weight", "encoder.cues.bias"),
                    difference(init.keys(), StateDict.fromBlock(old.net()).keys()));
            StrictLoader.load(grown.net(), init, m);
            NDArray lq = m.randomUniform(0, 1, new Shape(1, 3, 16, 16));
            NDArray hr = m.randomUniform(0, 1, new Shape(1, 3, 64, 64));
            try (Representation a = old.encode(lq); Representation b = grown.encode(lq)) {
                assertArrayEquals(old.restore(lq, a).toFloatArray(), grown.restore(lq, b).toFloatArray(), 0f);
                assertArrayEquals(old.degrade(hr, a).toFloatArray(), grown.degrade(hr, b).toFloatArray(), 0f);
            }
        }
    }

    @Test
    void aDeeperRestorerStartsFromTheShallowOneAndComputesTheSame() {
        CompactConfig shallow = tiny(true);
        CompactConfig deep = new CompactConfig(4, 8, 1, 8, 1, 4, false, true, true, true, 3);
        try (NDManager m = NDManager.newBaseManager();
                CompactModel old = CompactModel.create(shallow, 5);
                CompactModel grown = CompactModel.create(deep, 99)) {
            RandomModels.jitter(old, 0.05f);
            StateDict init = TrainingLoop.withNewLayers(StateDict.fromBlock(old.net()), grown.net());
            Set<String> added = difference(init.keys(), StateDict.fromBlock(old.net()).keys());
            assertEquals(2 * 8, added.size(), added.toString()); // two blocks of film1, conv1, film2, conv2
            assertTrue(added.stream().allMatch(k -> k.startsWith("restorer.blocks.1.") || k.startsWith("restorer.blocks.2.")),
                    added.toString());
            StrictLoader.load(grown.net(), init, m);
            // the new blocks' first layers keep their random draw: only their output conv is zero
            assertTrue(grown.net().stateDict().get("restorer.blocks.1.conv1.weight").getArray().abs().sum().getFloat() > 0);
            NDArray lq = m.randomUniform(0, 1, new Shape(1, 3, 16, 16));
            NDArray hr = m.randomUniform(0, 1, new Shape(1, 3, 64, 64));
            try (Representation a = old.encode(lq); Representation b = grown.encode(lq)) {
                float[] restored = old.restore(lq, a).toFloatArray();
                assertArrayEquals(restored, grown.restore(lq, b).toFloatArray(), 0f);
                assertArrayEquals(old.degrade(hr, a).toFloatArray(), grown.degrade(hr, b).toFloatArray(), 0f);
                // and the new blocks are on Gr's path: once they train, Gr's output moves
                RandomModels.jitter(grown, 0.05f);
                assertTrue(maxDifference(restored, grown.restore(lq, b).toFloatArray()) > 1e-4f);
            }
        }
    }

    @Test
    void aTensorOfAnotherShapeIsStillRefused() {
        try (NDManager m = NDManager.newBaseManager();
                CompactModel old = CompactModel.create(tiny(false), 5);
                CompactModel grown = CompactModel.create(tiny(true), 5)) {
            StateDict sd = StateDict.fromBlock(old.net());
            sd.put("encoder.out.bias", TensorData.of(new float[5], new long[] {5}));
            StateDict init = TrainingLoop.withNewLayers(sd, grown.net());
            DadiffException e = assertThrows(DadiffException.class, () -> StrictLoader.load(grown.net(), init, m));
            assertTrue(e.getMessage().contains("encoder.out.bias"), e.getMessage());
        }
    }

    private static float maxDifference(float[] a, float[] b) {
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        java.util.Set<String> d = new java.util.TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
