package org.dadiff4j.models.adm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dadiff4j.models.Manifests;
import org.dadiff4j.testutil.SharedData;
import org.junit.jupiter.api.Test;

/** The network's state_dict keys, order and shapes equal the official ones; no weights needed. */
class UNetModelManifestTest {

    @Test
    void uncond256MatchesOfficialManifest() {
        UNetModel net = new UNetModel(AdmConfig.uncond256());
        var expected = Manifests.read(SharedData.require("reference/adm-manifest-256-uncond.txt"));
        assertEquals(566, expected.size());
        assertEquals(expected, Manifests.render(net.stateDict()));
        assertEquals(552_814_086L, Manifests.numel(net.stateDict()));
    }

    @Test
    void smallConfigMatchesItsManifest() {
        AdmConfig config = AdmConfig.fromJson(SharedData.require("reference/adm-small/config.json"));
        assertEquals(64, config.imageSize());
        UNetModel net = new UNetModel(config);
        assertEquals(Manifests.read(SharedData.require("reference/adm-small/manifest.txt")),
                Manifests.render(net.stateDict()));
        assertEquals(4_474_662L, Manifests.numel(net.stateDict()));
    }
}
