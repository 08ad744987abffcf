package org.dadiff4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.dadiff4j.models.compact.CompactConfig;
import org.junit.jupiter.api.Test;

class RunSettingsTest {

    private static final OptimizerSettings OPT = new OptimizerSettings(4, 5e-4, 500, 7, 0.999, 1.0);

    @Test
    void theDetailReferenceSurvivesACheckpointAndOlderCheckpointsHaveNone() {
        RunSettings s = new RunSettings(CompactConfig.defaults(), 128, OPT, 0.1, 8);
        assertEquals(s, RunSettings.fromJson(s.toJson(), Path.of("ckpt")));
        JsonObject old = new RunSettings(CompactConfig.defaults(), 128, OPT, 0.1, 0).toJson();
        assertFalse(old.has("detail"), "settings without a reference keep the metadata of older runs");
        assertEquals(0, RunSettings.fromJson(old, Path.of("ckpt")).detail());
        assertThrows(IllegalArgumentException.class, () -> new RunSettings(CompactConfig.defaults(), 128, OPT, 0.1, -1));
    }
}
