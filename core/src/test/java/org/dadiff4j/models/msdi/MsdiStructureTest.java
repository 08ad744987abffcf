package org.dadiff4j.models.msdi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.testutil.SharedData;
import org.junit.jupiter.api.Test;

class MsdiStructureTest {

    static void assertMatches(Manifest manifest, TorchBlock block) {
        Map<String, Parameter> sd = block.stateDict();
        List<String> keys = new ArrayList<>();
        manifest.entries().forEach(e -> keys.add(e.key()));
        assertEquals(keys, new ArrayList<>(sd.keySet()));
        for (Manifest.Entry e : manifest.entries()) {
            assertArrayEquals(e.shape(), sd.get(e.key()).getShape().getShape(), e.key());
        }
    }

    @Test
    void msdi2eStateDictEqualsOfficialManifest() {
        Manifest m = Manifest.read(SharedData.require("reference/msdi2e-manifest.txt"));
        assertEquals(346, m.entries().size());
        Msdi2e model = new Msdi2e();
        assertMatches(m, model);
        // The README's count (official MSDI2E), summed over the model's own trainable tensors.
        assertEquals(284_184_198L, trainable(model));
    }

    /** Elements of the trainable tensors (not buffers: running stats, spectral-norm u and v). */
    static long trainable(TorchBlock block) {
        return block.stateDict().values().stream().filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getShape().size()).sum();
    }

    @Test
    void hinetWf8StateDictEqualsSmallManifest() {
        Manifest m = Manifest.read(SharedData.require("reference/msdi2e-small/manifest.txt"));
        assertEquals(134, m.entries().size());
        HINet hinet = new HINet(8);
        assertMatches(m, hinet);
        assertEquals(1_060_867L, trainable(hinet));
    }
}
