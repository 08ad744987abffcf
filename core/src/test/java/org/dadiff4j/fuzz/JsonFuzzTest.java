package org.dadiff4j.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.load.PriorConfigs;
import org.dadiff4j.pipeline.OutputPair;

/**
 * Fuzzes the JSON that comes from outside: prior configs (guided-diffusion flags, DDPM configs and
 * ours), compact model configs, and sidecars as resume reads them. Seeds are the shipped configs,
 * the reference configs of ../shared where present, and a sidecar as the batch writes it.
 */
@Tag("fuzz")
@AddLifecycleHook(FixedSeed.class)
class JsonFuzzTest {

    private static final Map<String, List<byte[]>> SEEDS = new ConcurrentHashMap<>();

    @Property
    void priorConfig(@ForAll @IntRange(max = 1000) int pick, @ForAll long choice) throws IOException {
        fuzz("json-prior-config", "case.json", pick, choice, PriorConfigs::fromConfig);
    }

    @Property
    void modelConfig(@ForAll @IntRange(max = 1000) int pick, @ForAll long choice) throws IOException {
        fuzz("json-model-config", "case.json", pick, choice, CompactConfig::read);
    }

    /** Resume reads sidecars: it must answer complete or not, and never throw. */
    @Property
    void sidecar(@ForAll @IntRange(max = 1000) int pick, @ForAll long choice) throws IOException {
        fuzz("json-sidecar", "case_x4.png.json", pick, choice, f -> {
            Path image = f.resolveSibling("case_x4.png");
            if (!Files.exists(image)) {
                Files.write(image, new byte[] {1});
            }
            return OutputPair.isComplete(image);
        });
    }

    @AfterContainer
    static void writeStats() throws IOException {
        FuzzHarness.writeStats();
    }

    private static void fuzz(String reader, String name, int pick, long choice, FuzzHarness.Reader read)
            throws IOException {
        FuzzHarness.fuzz(reader, name, SEEDS.computeIfAbsent(reader, JsonFuzzTest::seeds), pick, choice,
                n -> (64L << 20) + 64L * n, read);
    }

    private static List<byte[]> seeds(String reader) {
        try {
            List<byte[]> s = new ArrayList<>();
            switch (reader) {
                case "json-prior-config":
                    s.add(Files.readAllBytes(Paths.get("models", "prior.json")));
                    s.add(utf8("{\"image_size\": 64, \"num_channels\": 32, \"num_res_blocks\": 1,"
                            + " \"channel_mult\": \"1,2\", \"attention_resolutions\": \"16\", \"learn_sigma\": true,"
                            + " \"num_head_channels\": 16, \"use_scale_shift_norm\": true, \"resblock_updown\": true}"));
                    s.add(utf8("{\"data\": {\"image_size\": 32}, \"model\": {\"ch\": 32, \"ch_mult\": [1, 2],"
                            + " \"num_res_blocks\": 1, \"attn_resolutions\": [16], \"dropout\": 0.0}}"));
                    FuzzHarness.addShared(s, "reference/adm-small/config.json", "reference/ddpm-small/config.json");
                    break;
                case "json-model-config":
                    for (String m : new String[] {"degradation-x2.json", "degradation-x4.json", "degradation-x8.json"}) {
                        s.add(Files.readAllBytes(Paths.get("models", m)));
                    }
                    break;
                case "json-sidecar":
                    s.add(utf8("{\n  \"input\": \"photos/case.png\",\n  \"output\": \"case_x4.png\",\n"
                            + "  \"input_size\": \"80x80\",\n  \"output_size\": \"320x320\",\n  \"seed\": 0,\n"
                            + "  \"settings\": {\"method\": \"dadiff\", \"scale\": 4, \"steps\": 100, \"eta\": 1.0},\n"
                            + "  \"models\": [{\"file\": \"models/prior.safetensors\", \"sha256\": \"ab12\"}],\n"
                            + "  \"timings\": {\"read_s\": 0.01, \"upscale_s\": 120.5, \"write_s\": 0.02},\n"
                            + "  \"input_consistency_psnr_db\": 38.2,\n  \"version\": \"0.1.0-SNAPSHOT\"\n}\n"));
                    break;
                default:
                    throw new IllegalArgumentException(reader);
            }
            return s;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
