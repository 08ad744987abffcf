package org.dadiff4j.models.ddpm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dadiff4j.models.Manifests;
import org.dadiff4j.testutil.SharedData;
import org.junit.jupiter.api.Test;

/** The network's state_dict keys, order and shapes equal the official ones; no weights needed. */
class DdpmModelManifestTest {

    @Test
    void celebaHqMatchesOfficialManifest() {
        DdpmModel net = new DdpmModel(DdpmConfig.celebaHq());
        var expected = Manifests.read(SharedData.require("reference/celeba-ddpm-manifest.txt"));
        assertEquals(450, expected.size());
        assertEquals(expected, Manifests.render(net.stateDict()));
        assertEquals(113_673_219L, Manifests.numel(net.stateDict()));
    }

    @Test
    void smallConfigMatchesItsManifest() {
        DdpmConfig config = DdpmConfig.fromJson(SharedData.require("reference/ddpm-small/config.json"));
        DdpmModel net = new DdpmModel(config);
        assertEquals(Manifests.read(SharedData.require("reference/ddpm-small/manifest.txt")),
                Manifests.render(net.stateDict()));
        assertEquals(1_113_955L, Manifests.numel(net.stateDict()));
    }
}
