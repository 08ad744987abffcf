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
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.StrictLoader;
import org.dadiff4j.weights.TensorData;
import org.junit.jupiter.api.Test;

/** A model that gained E's cue layer warm-starts from one without it, unchanged until training moves the layer. */
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

    private static Set<String> difference(Set<String> a, Set<String> b) {
        java.util.Set<String> d = new java.util.TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
