package org.dadiff4j.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dadiff4j.testutil.SharedData;
import org.junit.jupiter.api.Test;

class NoiseScheduleTest {

    private static JsonObject json(String rel) throws IOException {
        Path p = SharedData.require(rel);
        return JsonParser.parseString(Files.readString(p)).getAsJsonObject();
    }

    private static float f(JsonObject o, String key) {
        return (float) o.get(key).getAsDouble();
    }

    /** Exact float from a Java/C hex literal such as 0x1.95c2d20000000p-15. */
    private static float hex(JsonObject o, String key) {
        return (float) Double.parseDouble(o.get(key).getAsString());
    }

    @Test
    void betasFollowFloat64LinspaceRoundedOnce() throws IOException {
        JsonObject ref = json("reference/dadiff-loop-small/schedule.json");
        NoiseSchedule s = NoiseSchedule.linear();
        JsonArray first = ref.getAsJsonArray("betas_f32_first3");
        for (int i = 0; i < 3; i++) {
            assertEquals((float) first.get(i).getAsDouble(), s.beta(i), "beta " + i);
        }
        assertEquals(f(ref, "betas_f32_last"), s.beta(999));
        assertEquals(0.02f, s.beta(999));
        assertEquals(1f, s.alphaBar(-1));
    }

    @Test
    void everyStepOfTheLoopScheduleIsBitExact() throws IOException {
        JsonObject ref = json("reference/dadiff-loop-small/schedule.json");
        DdimScheduler ddim = new DdimScheduler(NoiseSchedule.linear(), 1f);
        ddim.setTimesteps(ref.get("num_steps").getAsInt());
        List<StepInfo> steps = ddim.steps();
        JsonArray rs = ref.getAsJsonArray("steps");
        assertEquals(rs.size(), steps.size());
        for (int k = 0; k < rs.size(); k++) {
            JsonObject r = rs.get(k).getAsJsonObject();
            StepInfo s = steps.get(k);
            String at = "step " + k;
            assertEquals(k, s.index());
            assertEquals(r.get("t").getAsInt(), s.t(), at);
            assertEquals(r.get("t_next").getAsInt(), s.tNext(), at);
            assertEquals(hex(r, "at_hex"), s.at(), at);
            assertEquals(hex(r, "at_next_hex"), s.atNext(), at);
            assertEquals(hex(r, "sigma_hex"), ddim.sigma(s), at);
            assertEquals(hex(r, "c_eps_hex"), ddim.epsilonWeight(s), at);
            assertEquals(f(r, "sqrt_at"), Scheduler.sqrt(s.at()), at);
            assertEquals(f(r, "sqrt_1m_at"), Scheduler.sqrt(1f - s.at()), at);
            assertEquals(f(r, "sqrt_at_next"), Scheduler.sqrt(s.atNext()), at);
        }
    }

    @Test
    void everyPairOfTheDdnmScheduleIsBitExact() throws IOException {
        // Values are float32 printed as float64, so parsing and rounding to float is exact.
        JsonObject ref = json("reference/ddnm-schedule-100.json");
        DdimScheduler ddim = new DdimScheduler(NoiseSchedule.linear(), 1f);
        ddim.setTimesteps(100);
        JsonArray rs = ref.getAsJsonArray("steps");
        JsonArray raw = ref.getAsJsonArray("times_raw");
        assertEquals(101, raw.size());
        assertEquals(rs.size(), ddim.steps().size());
        for (int k = 0; k < rs.size(); k++) {
            JsonObject r = rs.get(k).getAsJsonObject();
            StepInfo s = ddim.steps().get(k);
            String at = "pair " + k;
            assertEquals(r.get("t").getAsInt(), s.t(), at);
            assertEquals(r.get("t_next").getAsInt(), s.tNext(), at);
            int next = raw.get(k + 1).getAsInt();
            assertEquals(next < 0 ? -1 : next * 10, s.tNext(), at);
            assertEquals(f(r, "alpha_bar_t"), s.at(), at);
            assertEquals(f(r, "alpha_bar_next"), s.atNext(), at);
            assertEquals(f(r, "sigma_eta1"), ddim.sigma(s), at);
            assertEquals(f(r, "coef_eps_eta1"), ddim.epsilonWeight(s), at);
            assertEquals(f(r, "sqrt_alpha_bar_next"), Scheduler.sqrt(s.atNext()), at);
        }
    }
}
