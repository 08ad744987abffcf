package org.dadiff4j.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsFileTest {

    @Test
    void trainingCheckpointLoadsItsEmaWeights(@TempDir Path dir) {
        StateDict ckpt = new StateDict("ckpt")
                .put("model.conv.weight", TensorData.of(new float[] {1f}, 1))
                .put("ema.conv.weight", TensorData.of(new float[] {2f}, 1))
                .put("adam.m.conv.weight", TensorData.of(new float[] {3f}, 1));
        WeightsFile.save(dir.resolve("m"), ckpt, new JsonObject());
        StateDict sd = WeightsFile.load(dir.resolve("m")).stateDict();
        assertEquals(Set.of("conv.weight"), sd.keys());
        assertArrayEquals(new float[] {2f}, sd.get("conv.weight").toFloats());
    }

    @Test
    void otherStateDictsLoadAsTheyAre(@TempDir Path dir) {
        StateDict plain = new StateDict("plain")
                .put("model.conv.weight", TensorData.of(new float[] {1f}, 1))
                .put("ema", TensorData.of(new float[] {2f}, 1));
        WeightsFile.save(dir.resolve("m"), plain, new JsonObject());
        assertEquals(Set.of("model.conv.weight", "ema"), WeightsFile.load(dir.resolve("m")).stateDict().keys());
    }

    @Test
    void longKeyListsAreCutSoTheReportStaysOneLine() {
        List<String> names = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        String s = StateDict.keys("missing", names);
        assertEquals("missing 10 keys [a, b, c, d, e, f, ... (4 more)]", s);
        assertTrue(StateDict.keys("missing", names.subList(0, 2)).endsWith("[a, b]"));
    }
}
