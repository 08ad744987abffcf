package org.dadiff4j.models.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dadiff4j.DadiffException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prior configs the fuzzer produced (docs/reliability.md): one-line errors, before any network is built. */
class HostileConfigsTest {

    @TempDir Path dir;

    private static final String ADM = "{\"image_size\": 64, \"num_channels\": %s, \"num_res_blocks\": %s,"
            + " \"channel_mult\": \"%s\", \"attention_resolutions\": \"16\", \"num_head_channels\": %s}";

    private DadiffException refused(String json, String problem) throws Exception {
        Path f = Files.writeString(dir.resolve("prior.json"), json);
        DadiffException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(DadiffException.class, () -> PriorConfigs.fromConfig(f)));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertFalse(e.getMessage().contains("Exception") || e.getMessage().contains("java."), e.getMessage());
        return e;
    }

    @Test
    void widthsTheNetworkCannotTakeAreUserErrors() throws Exception {
        // found by the fuzzer: IllegalArgumentException from GroupNorm and attention escaped
        refused(String.format(ADM, 72, 1, "1,2", 16), "no network that can be built");
        refused(String.format(ADM, 64, 1, "1,2", 6), "no network that can be built");
    }

    @Test
    void sizesOutOfRangeAreRefusedBeforeBuilding() throws Exception {
        refused(String.format(ADM, 32, 2147483647, "1,2", 16), "out of range");
        refused(String.format(ADM, 2147483647, 1, "1,2", 16), "out of range");
        refused(String.format(ADM, 32, 1, "1,2,2,2,2,2,2,2,2,2,2,2,2,2,2", 16), "channel_mult");
        refused(String.format(ADM, 32, 1, "1,x", 16), "must be integers");
        refused("{\"data\": {\"image_size\": 32}, \"model\": {\"ch\": 32, \"ch_mult\": [1, 2],"
                + " \"num_res_blocks\": 100000, \"attn_resolutions\": [16]}}", "out of range");
    }
}
