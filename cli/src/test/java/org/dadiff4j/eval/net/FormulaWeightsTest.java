package org.dadiff4j.eval.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.dadiff4j.models.Manifests;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.testutil.SharedData;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.TensorData;
import org.junit.jupiter.api.Test;

/** The formula weights against the published checksums, and our key layouts against the real files'. */
class FormulaWeightsTest {

    @Test
    void alexnetChecksums() throws IOException {
        check("alexnet", FormulaBackbones.alexnetManifest(), FormulaBackbones::alexnet, 10);
    }

    @Test
    void vgg16Checksums() throws IOException {
        check("vgg16", FormulaBackbones.vgg16Manifest(), FormulaBackbones::vgg16, 26);
    }

    @Test
    void inceptionChecksums() throws IOException {
        check("fid_inception", FormulaBackbones.inceptionManifest(), FormulaBackbones::inception, 566);
    }

    @Test
    void backboneKeysEqualTorchvisionFeatures() {
        assertEquals(features(FormulaBackbones.alexnetManifest()), Manifests.render(ConvFeatures.alexnet().stateDict()));
        List<String> vgg = features(FormulaBackbones.vgg16Manifest());
        assertEquals(vgg, Manifests.render(ConvFeatures.vgg16().stateDict()));
        assertEquals(vgg, Manifests.render(ConvFeatures.vgg16L2Pooling().stateDict()));
    }

    @Test
    void inceptionKeysEqualPtInceptionFile() {
        assertEquals(Manifests.read(FormulaBackbones.inceptionManifest()), Manifests.render(new InceptionV3().stateDict()));
    }

    private static List<String> features(Path manifest) {
        return Manifests.read(manifest).stream().filter(s -> s.startsWith("features.")).collect(Collectors.toList());
    }

    private static void check(String network, Path manifest, Supplier<StateDict> formula, int entries)
            throws IOException {
        Path json = SharedData.require(FormulaBackbones.ROOT + "backbones/formula_checksums_" + network + ".json");
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        StateDict sd = formula.get();
        Map<String, long[]> source = Manifests.shapes(manifest);
        JsonArray list = root.getAsJsonArray("entries");
        assertEquals(entries, list.size());
        assertEquals(entries, sd.size());
        assertEquals(root.get("gain_g").getAsDouble(), network.equals("fid_inception")
                ? FormulaBackbones.INCEPTION_GAIN : FormulaBackbones.BACKBONE_GAIN);
        List<String> order = List.copyOf(source.keySet());
        for (JsonElement el : list) {
            JsonObject e = el.getAsJsonObject();
            String key = e.get("key").getAsString();
            assertEquals(key, order.get(e.get("index").getAsInt()), "index of " + key);
            assertEquals(e.get("rule").getAsString(), FormulaBackbones.rule(key, source.get(key), source), key);
            TensorData t = sd.require(key);
            if (e.get("rule").getAsString().equals("bn_count")) {
                assertEquals(0L, t.toLongs()[0], key);
                continue;
            }
            float[] v = t.toFloats();
            double sum = 0;
            for (float f : v) {
                sum += f;
            }
            double want = e.get("sum_f64").getAsDouble();
            assertTrue(Math.abs(sum - want) <= 1e-9 * Math.max(1, Math.abs(want)), key + " sum " + sum + " vs " + want);
            JsonArray first = e.getAsJsonArray("first_bits");
            for (int j = 0; j < first.size(); j++) {
                assertEquals(first.get(j).getAsString(), bits(v[j]), key + "[" + j + "]");
            }
            assertEquals(e.get("last_bits").getAsString(), bits(v[v.length - 1]), key + " last");
        }
    }

    private static String bits(float f) {
        return String.format("0x%08x", Float.floatToRawIntBits(f));
    }
}
