package org.dadiff4j.models.msdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.nn.SpectralNormConv2d;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.nn.Upsample;
import org.dadiff4j.testutil.SharedData;
import org.dadiff4j.weights.Npy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;

/**
 * The official-width MSDI2E with the closed-formula weights, in official (training) mode, against
 * the PyTorch run of {@code reference/msdi2e-formula}. The model (1.1 GB) is built once; each test
 * reloads the weights so that u, v start from the formula values. The default run checks the
 * weights, the LR resize and the encoder half of call 1; the full calls (3 to 16 s each on the
 * shared 2-core machine) are in the slow profile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MsdiFormulaTest {

    private Path dir;
    private Manifest manifest;
    private NDManager manager;
    private Msdi2e model;

    @BeforeAll
    void build() {
        dir = SharedData.require("reference/msdi2e-formula");
        manifest = Manifest.read(SharedData.require("reference/msdi2e-manifest.txt"));
        manager = NDManager.newBaseManager();
        model = new Msdi2e();
    }

    @AfterAll
    void release() {
        if (manager != null) {
            manager.close();
        }
    }

    @Test
    void formulaWeightsMatchChecksums() throws IOException {
        JsonArray sums = JsonParser.parseString(Files.readString(dir.resolve("formula_checksums.json"))).getAsJsonArray();
        assertEquals(manifest.entries().size(), sums.size());
        for (JsonElement el : sums) {
            JsonObject c = el.getAsJsonObject();
            Manifest.Entry e = manifest.entries().get(c.get("index").getAsInt());
            assertEquals(c.get("key").getAsString(), e.key());
            if (c.has("value")) {
                assertEquals("int64", e.dtype(), e.key());
                assertEquals(0, c.get("value").getAsLong(), e.key());
                continue;
            }
            float[] v = FormulaWeights.values(e);
            double sum = 0;
            for (float f : v) {
                sum += f;
            }
            double ref = c.get("sum_f64").getAsDouble();
            assertTrue(Math.abs(sum - ref) <= 1e-9 * Math.max(1, Math.abs(ref)), e.key() + " sum " + sum + " vs " + ref);
            JsonArray hex = c.get("first_hex").getAsJsonArray();
            for (int k = 0; k < hex.size(); k++) {
                int bits = Integer.reverseBytes(Integer.parseUnsignedInt(hex.get(k).getAsString(), 16));
                assertEquals(bits, Float.floatToRawIntBits(v[k]), e.key() + "[" + k + "]");
            }
            assertEquals(c.get("last").getAsFloat(), v[v.length - 1], 0f, e.key() + " last");
        }
    }

    @Test
    void lrIsBilinearlyResizedTo256() {
        try (NDManager m = manager.newSubManager()) {
            NDArray lq64 = Npy.read(dir.resolve("lq64.npy"), m);
            NDArray lq = Npy.read(dir.resolve("lq.npy"), m);
            assertClose(lq, Upsample.bilinear(lq64, 256, 256), 1e-6, "bilinear");
        }
    }

    /** Encoder and prior upsampling of call 1, and their 18 spectral norms after it. */
    @Test
    void encoderAndLatentsOfCallOne() throws IOException {
        FormulaWeights.load(model, manifest, manager);
        try (NDManager m = manager.newSubManager()) {
            NDArray lq = Npy.read(dir.resolve("lq.npy"), m);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray z = model.netPrior().apply(ps, lq, true);
            assertClose(Npy.read(dir.resolve("prior_z_call1.npy"), m), z, 1e-3, "prior_z");
            NDList latents = model.priorUpsampling().apply(ps, z, true);
            assertClose(Npy.read(dir.resolve("latent_3_call1.npy"), m), latents.get(3), 1e-4, "latent_3");
        }
        Map<String, Double> ref = sigmas("sigma_after_call1");
        Map<String, SpectralNormConv2d> layers = spectralNorms(model);
        int checked = 0;
        for (Map.Entry<String, SpectralNormConv2d> l : layers.entrySet()) {
            if (l.getKey().startsWith("net_prior.") || l.getKey().startsWith("prior_upsampling.")) {
                assertSigma(ref.get(l.getKey()), l.getValue(), l.getKey());
                checked++;
            }
        }
        assertEquals(18, checked);
    }

    /** The full protocol: two official calls, both outputs, and all 26 sigmas after each. */
    @Test
    @Tag("slow")
    void twoOfficialCalls() throws IOException {
        FormulaWeights.load(model, manifest, manager);
        Map<String, SpectralNormConv2d> layers = spectralNorms(model);
        assertEquals(26, layers.size());
        try (NDManager m = manager.newSubManager()) {
            NDArray x = Npy.read(dir.resolve("x.npy"), m);
            NDArray y = Npy.read(dir.resolve("y.npy"), m);
            NDArray lq = Npy.read(dir.resolve("lq.npy"), m);
            for (int call = 1; call <= 2; call++) {
                long t0 = System.nanoTime();
                NDList out = model.apply(new ParameterStore(m, false), x, y, lq, true);
                System.out.printf("MSDI2E official call %d: %.1f s%n", call, (System.nanoTime() - t0) / 1e9);
                assertClose(Npy.read(dir.resolve("out_call" + call + ".npy"), m), out.get(0), 1e-3, "out call " + call);
                assertClose(Npy.read(dir.resolve("out_inverse_call" + call + ".npy"), m), out.get(1), 1e-3,
                        "out_inverse call " + call);
                Map<String, Double> ref = sigmas("sigma_after_call" + call);
                for (Map.Entry<String, SpectralNormConv2d> l : layers.entrySet()) {
                    assertSigma(ref.get(l.getKey()), l.getValue(), l.getKey() + " call " + call);
                }
                out.close();
            }
        }
    }

    /**
     * The role facade in official mode replays DADiff's calls: degrade is call 1 (whose dropped
     * generator branch still advances its spectral norms), so restore after it equals the generator
     * output of call 2. The LR image goes in at 64x64 and is resized by the encoder.
     */
    @Test
    @Tag("slow")
    void officialFacadeReplaysCalls() {
        FormulaWeights.load(model, manifest, manager);
        MsdiModel facade = new MsdiModel(model, MsdiMode.OFFICIAL);
        try (NDManager m = manager.newSubManager()) {
            NDArray lq64 = Npy.read(dir.resolve("lq64.npy"), m);
            try (DegradationAwareModel.Representation r = facade.encode(lq64)) {
                NDArray degraded = facade.degrade(Npy.read(dir.resolve("y.npy"), m), r);
                assertClose(Npy.read(dir.resolve("out_inverse_call1.npy"), m), degraded, 1e-3, "degrade = call 1");
                NDArray restored = facade.restore(Npy.read(dir.resolve("x.npy"), m), r);
                assertClose(Npy.read(dir.resolve("out_call2.npy"), m), restored, 1e-3, "restore = call 2");
            }
        }
    }

    /** Eval mode: latents once, one generator per call, no state change, so calls repeat exactly. */
    @Test
    @Tag("slow")
    void evalFacadeIsStateless() {
        FormulaWeights.load(model, manifest, manager);
        MsdiModel facade = new MsdiModel(model, MsdiMode.EVAL);
        Map<String, SpectralNormConv2d> layers = spectralNorms(model);
        Map<String, Float> before = new LinkedHashMap<>();
        layers.forEach((k, v) -> before.put(k, v.sigma()));
        try (NDManager m = manager.newSubManager()) {
            NDArray y = Npy.read(dir.resolve("y.npy"), m);
            try (DegradationAwareModel.Representation r = facade.encode(Npy.read(dir.resolve("lq.npy"), m))) {
                NDArray first = facade.degrade(y, r);
                NDArray second = facade.degrade(y, r);
                assertEquals(0f, first.sub(second).abs().max().getFloat());
                assertEquals(y.getShape(), first.getShape());
            }
        }
        layers.forEach((k, v) -> assertEquals(before.get(k), v.sigma(), k));
        assertEquals(0L, model.stateDict().get("inverse_generator.ad1_list.0.norm_0.param_free_norm.num_batches_tracked")
                .getArray().getLong());
    }

    private Map<String, Double> sigmas(String which) throws IOException {
        JsonObject o = JsonParser.parseString(Files.readString(dir.resolve("sigmas.json"))).getAsJsonObject()
                .getAsJsonObject(which);
        Map<String, Double> out = new LinkedHashMap<>();
        o.entrySet().forEach(e -> out.put(e.getKey(), e.getValue().getAsDouble()));
        return out;
    }

    static Map<String, SpectralNormConv2d> spectralNorms(TorchBlock root) {
        Map<String, SpectralNormConv2d> out = new LinkedHashMap<>();
        collect(root, "", out);
        return out;
    }

    private static void collect(TorchBlock b, String prefix, Map<String, SpectralNormConv2d> out) {
        b.namedChildren().forEach((name, c) -> {
            if (c instanceof SpectralNormConv2d) {
                out.put(prefix + name, (SpectralNormConv2d) c);
            } else if (c instanceof TorchBlock) {
                collect((TorchBlock) c, prefix + name + ".", out);
            }
        });
    }

    private static void assertSigma(Double ref, SpectralNormConv2d layer, String what) {
        assertTrue(ref != null, "no reference sigma for " + what);
        double got = layer.sigma();
        assertTrue(Math.abs(got - ref) <= 1e-4 * Math.abs(ref), what + ": sigma " + got + " vs " + ref);
    }

    /** max|ref - got| within max(tol, 5e-5 * max|ref|), the README's full-width tolerance. */
    static void assertClose(NDArray ref, NDArray got, double tol, String what) {
        assertEquals(ref.getShape(), got.getShape(), what + " shape");
        double diff = ref.sub(got).abs().max().getFloat();
        double scale = ref.abs().max().getFloat();
        double limit = Math.max(tol, 5e-5 * scale);
        System.out.printf("%s: max abs diff %.3g (max |ref| %.3g, limit %.3g)%n", what, diff, scale, limit);
        assertTrue(diff <= limit, what + ": max abs diff " + diff + " > " + limit);
    }
}
