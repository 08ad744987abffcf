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
        assertMatches(m, new Msdi2e());
        long params = m.entries().stream().filter(e -> !e.key().contains("running_")
                && !e.key().endsWith("num_batches_tracked") && !e.key().endsWith("weight_u")
                && !e.key().endsWith("weight_v")).mapToLong(Manifest.Entry::numel).sum();
        assertEquals(284_184_198L, params);
    }

    @Test
    void hinetWf8StateDictEqualsSmallManifest() {
        Manifest m = Manifest.read(SharedData.require("reference/msdi2e-small/manifest.txt"));
        assertEquals(134, m.entries().size());
        assertMatches(m, new HINet(8));
    }
}
