package org.dadiff4j.models.compact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.models.DegradationAwareModel.Representation;
import org.dadiff4j.nn.Upsample;
import org.dadiff4j.weights.Half;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompactModelTest {

    static CompactConfig tiny(int scale, boolean lqAtHr) {
        return new CompactConfig(scale, 8, 1, 8, 1, 4, lqAtHr, true);
    }

    @ParameterizedTest
    @CsvSource({"2,false", "4,false", "8,false", "2,true", "4,true", "8,true"})
    void shapesFollowScaleAndDomain(int scale, boolean lqAtHr) {
        try (CompactModel model = CompactModel.create(tiny(scale, lqAtHr), 1);
                NDManager m = NDManager.newBaseManager()) {
            int hr = 8 * scale;
            NDArray x = m.randomUniform(0, 1, new Shape(2, 3, hr, 2 * hr));
            NDArray lr = m.randomUniform(0, 1, new Shape(2, 3, 8, 16));
            NDArray lq = lqAtHr ? Upsample.bilinear(lr, hr, 2 * hr) : lr;
            try (Representation r = model.encode(lq)) {
                assertEquals(lq.getShape(), model.degrade(x, r).getShape());
                assertEquals(x.getShape(), model.restore(lq, r).getShape());
            }
            assertEquals(scale, model.domain().sizeMultiple());
            assertEquals(lqAtHr, model.domain().lqAtHrSize());
        }
    }

    @Test
    void unshuffleMatchesPixelUnshuffleAndShuffleInvertsIt() {
        try (NDManager m = NDManager.newBaseManager()) {
            int s = 2;
            NDArray x = m.arange(0f, 2 * 3 * 4 * 6).reshape(2, 3, 4, 6);
            NDArray u = Resampling.unshuffle(x, s);
            assertEquals(new Shape(2, 12, 2, 3), u.getShape());
            float[] xs = x.toFloatArray();
            float[] us = u.toFloatArray();
            for (int n = 0; n < 2; n++) {
                for (int c = 0; c < 3; c++) {
                    for (int i = 0; i < s; i++) {
                        for (int j = 0; j < s; j++) {
                            for (int h = 0; h < 2; h++) {
                                for (int w = 0; w < 3; w++) {
                                    int out = ((n * 12 + c * 4 + i * 2 + j) * 2 + h) * 3 + w;
                                    int in = ((n * 3 + c) * 4 + h * s + i) * 6 + w * s + j;
                                    assertEquals(xs[in], us[out]);
                                }
                            }
                        }
                    }
                }
            }
            assertArrayEquals(xs, Resampling.shuffle(u, s).toFloatArray());
        }
    }

    /** Fresh tails are zero, so Gr is exactly the bilinear upsampling and Gd the s×s block mean. */
    @Test
    void freshModelIsBilinearUpAndAreaDown() {
        try (CompactModel model = CompactModel.create(tiny(4, false), 3);
                NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new Shape(1, 3, 16, 8));
            NDArray y = m.randomUniform(0, 1, new Shape(1, 3, 4, 2));
            try (Representation r = model.encode(y)) {
                assertArrayEquals(Upsample.bilinear(y, 16, 8).toFloatArray(), model.restore(y, r).toFloatArray());
                float[] d = model.degrade(x, r).toFloatArray();
                float[] xs = x.toFloatArray();
                double sum = 0;
                for (int yy = 0; yy < 4; yy++) {
                    for (int xx = 0; xx < 4; xx++) {
                        sum += xs[(2 * 16 + 4 + yy) * 8 + 4 + xx]; // channel 2, block (1, 1)
                    }
                }
                assertEquals(sum / 16, d[2 * 8 + 1 * 2 + 1], 1e-6);
            }
        }
    }

    @Test
    void seedDecidesTheInitialWeights() {
        try (CompactModel a = CompactModel.create(tiny(2, false), 5);
                CompactModel b = CompactModel.create(tiny(2, false), 5);
                CompactModel c = CompactModel.create(tiny(2, false), 6)) {
            String key = "restorer.head.weight";
            float[] wa = a.net().stateDict().get(key).getArray().toFloatArray();
            assertArrayEquals(wa, b.net().stateDict().get(key).getArray().toFloatArray());
            assertFalse(java.util.Arrays.equals(wa, c.net().stateDict().get(key).getArray().toFloatArray()));
            // U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = 3 * 3 * 3
            double bound = 1 / Math.sqrt(27);
            double max = 0;
            for (float v : wa) {
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max <= bound && max > 0.8 * bound, "max |w| " + max);
        }
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void saveLoadGivesIdenticalOutputs(boolean lqAtHr, @TempDir Path dir) {
        CompactConfig config = tiny(4, lqAtHr);
        try (CompactModel model = CompactModel.create(config, 9);
                NDManager m = NDManager.newBaseManager()) {
            perturb(model, m); // zero tails would hide a wrongly loaded generator
            model.save(dir.resolve("gd"));
            assertTrue(Files.isRegularFile(dir.resolve("gd.safetensors")));
            assertTrue(Files.isRegularFile(dir.resolve("gd.json")));
            try (CompactModel loaded = CompactModel.load(dir.resolve("gd.safetensors"))) {
                assertEquals(config, loaded.config());
                NDArray x = m.randomUniform(0, 1, new Shape(1, 3, 32, 16));
                NDArray y = lqAtHr ? Upsample.bilinear(m.randomUniform(0, 1, new Shape(1, 3, 8, 4)), 32, 16)
                        : m.randomUniform(0, 1, new Shape(1, 3, 8, 4));
                try (Representation r1 = model.encode(y); Representation r2 = loaded.encode(y)) {
                    assertArrayEquals(latent(model, y), latent(loaded, y));
                    assertArrayEquals(model.degrade(x, r1).toFloatArray(), loaded.degrade(x, r2).toFloatArray());
                    assertArrayEquals(model.restore(y, r1).toFloatArray(), loaded.restore(y, r2).toFloatArray());
                }
            }
            model.save(dir.resolve("half"), DataType.FLOAT16);
            try (CompactModel half = CompactModel.load(dir.resolve("half"))) {
                Map<String, Parameter> full = model.net().stateDict();
                for (Map.Entry<String, Parameter> e : half.net().stateDict().entrySet()) {
                    float[] want = full.get(e.getKey()).getArray().toFloatArray();
                    float[] got = e.getValue().getArray().toFloatArray();
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(Half.toFloat(Half.fromFloat(want[i])), got[i], 0f, e.getKey());
                    }
                }
            }
        }
    }

    private static float[] latent(CompactModel model, NDArray lq) {
        return model.net().encode(new ai.djl.training.ParameterStore(lq.getManager(), false), lq, false)
                .toFloatArray();
    }

    private static void perturb(CompactModel model, NDManager m) {
        for (Parameter p : model.net().stateDict().values()) {
            p.getArray().addi(m.randomNormal(0, 0.05f, p.getShape(), DataType.FLOAT32));
        }
    }

    @Test
    void defaultSizeIsCompactAndConfigRoundTrips() {
        CompactConfig d = CompactConfig.defaults();
        try (CompactModel model = CompactModel.create(d, 0)) {
            long n = model.parameterCount();
            assertTrue(n > 300_000 && n < 2_000_000, n + " parameters");
        }
        assertEquals(d, CompactConfig.fromJson(d.toJson(), "x"));
        com.google.gson.JsonObject o = d.toJson();
        o.addProperty("scale", 3);
        DadiffException e = assertThrows(DadiffException.class, () -> CompactConfig.fromJson(o, "c.json"));
        assertEquals("c.json: bad compact model config: scale must be 2, 4 or 8, not 3", e.getMessage());
    }

    @Test
    void restoreBlocksDeepenGrAloneAndDefaultToBlocks() {
        com.google.gson.JsonObject o = CompactConfig.defaults().toJson();
        assertFalse(o.has("restoreBlocks"), "written only where Gr is deeper or shallower than Gd");
        assertEquals(4, CompactConfig.fromJson(o, "x").restoreBlocks());
        o.addProperty("restoreBlocks", 12);
        CompactConfig deep = CompactConfig.fromJson(o, "x");
        assertEquals(12, deep.restoreBlocks());
        assertEquals(4, deep.blocks());
        assertEquals(deep, CompactConfig.fromJson(deep.toJson(), "x"));
        assertEquals(12, deep.withScale(2).restoreBlocks());
        try (CompactModel shallow = CompactModel.create(CompactConfig.defaults(), 0);
                CompactModel grown = CompactModel.create(deep, 0)) {
            // eight more blocks of two 48-channel 3x3 convs and two 3x3 FiLM layers from 16 channels
            long block = 2 * (48 * 48 * 9 + 48) + 2 * (16 * 96 * 9 + 96);
            assertEquals(8 * block, grown.parameterCount() - shallow.parameterCount());
        }
        o.addProperty("restoreBlocks", 65);
        assertThrows(DadiffException.class, () -> CompactConfig.fromJson(o, "x"));
    }

    @Test
    void poolingIsStatsByDefaultAndMeanForFilesWithoutTheKey() throws Exception {
        assertTrue(CompactConfig.defaults().statsPooling());
        com.google.gson.JsonObject o = CompactConfig.defaults().toJson();
        assertEquals("stats", o.get("pooling").getAsString());
        o.remove("pooling");
        assertFalse(CompactConfig.fromJson(o, "old.json").statsPooling(), "files from before the key");
        assertFalse(CompactConfig.fromJson(com.google.gson.JsonParser.parseString(CuesTest.SESSION3_X2)
                .getAsJsonObject(), "degradation-x2.json").statsPooling());
        o.addProperty("pooling", "max");
        assertEquals("p.json: bad compact model config: pooling must be stats or mean, not max",
                assertThrows(DadiffException.class, () -> CompactConfig.fromJson(o, "p.json")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CompactConfig(4, 8, 1, 8, 1, 4, false, false, true));
    }

    @Test
    void statsPoolingReadsTheSpreadOfTheInput() {
        // Two inputs with the same mean and different noise: a fresh stats-pooled E tells them apart
        // more than a mean-pooled one (the signal is small at PyTorch's initial scale; training grows it).
        try (NDManager m = NDManager.newBaseManager();
                CompactModel stats = CompactModel.create(tiny(4, false), 3);
                CompactModel mean = CompactModel.create(new CompactConfig(4, 8, 1, 8, 1, 4, false, true, false), 3)) {
            NDArray flat = m.full(new Shape(1, 3, 32, 32), 0.5f);
            float[] noise = new float[3 * 32 * 32];
            java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) (0.1 * rng.nextGaussian());
            }
            NDArray noisy = flat.add(m.create(noise, new Shape(1, 3, 32, 32)));
            double ds = difference(stats, flat, noisy);
            double dm = difference(mean, flat, noisy);
            // measured 3.2x at these seeds
            assertTrue(ds > 2 * dm, "stats " + ds + " vs mean " + dm);
        }
    }

    private static double difference(CompactModel model, NDArray a, NDArray b) {
        ai.djl.training.ParameterStore ps = new ai.djl.training.ParameterStore(a.getManager(), false);
        return model.net().encode(ps, a, false).sub(model.net().encode(ps, b, false)).abs().sum().getFloat();
    }
}
