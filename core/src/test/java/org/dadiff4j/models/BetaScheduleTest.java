package org.dadiff4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dadiff4j.DadiffException;
import org.dadiff4j.models.load.PriorConfigs;
import org.dadiff4j.sampling.NoiseSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prior states its betas from its config; the sampler's noise levels follow them. */
class BetaScheduleTest {

    @TempDir Path dir;

    private static JsonObject json(String s) {
        return JsonParser.parseString(s).getAsJsonObject();
    }

    @Test
    void guidedDiffusionFlagsScaleTheLinearBetasByTheirSteps() {
        Path f = Path.of("flags.json");
        assertEquals(BetaSchedule.LINEAR_1000, BetaSchedule.fromAdmFlags(json("{}"), f));
        BetaSchedule b = BetaSchedule.fromAdmFlags(json("{\"diffusion_steps\": 250, \"noise_schedule\": \"linear\"}"), f);
        assertEquals(250, b.steps());
        assertEquals(4e-4, b.start(), 1e-12);
        assertEquals(0.08, b.end(), 1e-12);
        DadiffException e = assertThrows(DadiffException.class,
                () -> BetaSchedule.fromAdmFlags(json("{\"noise_schedule\": \"cosine\"}"), f));
        assertTrue(e.getMessage().startsWith("flags.json: noise_schedule \"cosine\""), e.getMessage());
    }

    @Test
    void ddpmConfigsGiveTheirDiffusionSection() {
        Path f = Path.of("celeba.json");
        BetaSchedule b = BetaSchedule.fromDdpmConfig(json("{\"diffusion\": {\"beta_schedule\": \"linear\","
                + " \"beta_start\": 0.0002, \"beta_end\": 0.03, \"num_diffusion_timesteps\": 500}}"), f);
        assertEquals(BetaSchedule.linear(2e-4, 0.03, 500), b);
        assertEquals(BetaSchedule.LINEAR_1000, BetaSchedule.fromDdpmConfig(json("{\"model\": {}}"), f));
    }

    @Test
    void theDefaultScheduleIsTheOfficialOneBitForBit() {
        NoiseSchedule a = NoiseSchedule.of(BetaSchedule.LINEAR_1000);
        NoiseSchedule b = NoiseSchedule.linear();
        for (int t = -1; t < 1000; t++) {
            assertEquals(b.alphaBar(t), a.alphaBar(t), 0f);
        }
    }

    @Test
    void aPriorConfigCarriesItsStepsToThePrior() throws Exception {
        String flags = Files.readString(Path.of("models/prior.json"));
        assertEquals(BetaSchedule.LINEAR_1000, PriorConfigs.fromConfig(Path.of("models/prior.json")).betaSchedule());
        Path f = dir.resolve("p.json");
        Files.writeString(f, flags.replaceFirst("\\{", "{\"diffusion_steps\": 500,"));
        assertEquals(500, PriorConfigs.fromConfig(f).betaSchedule().steps());
    }
}
