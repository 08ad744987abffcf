package org.dadiff4j.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dadiff4j.DadiffException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DegradationPipelineTest {

    private static final DegradationPipeline PIPE = DegradationPipeline.defaults();

    @Test
    void sameSeedGivesSameBytesAndDifferentSeedsDiffer() {
        Planes hr = TestImages.detailed(256, 256, 1);
        Set<String> distinct = new HashSet<>();
        for (long seed = 0; seed < 6; seed++) {
            Degraded a = PIPE.apply(hr, 4, seed);
            Degraded b = PIPE.apply(hr.copy(), 4, seed);
            assertArrayEquals(a.lr.toInterleavedBytes(), b.lr.toInterleavedBytes(), "seed " + seed);
            assertEquals(a.params.toJson(), b.params.toJson());
            assertArrayEquals(a.kernel.w, b.kernel.w);
            distinct.add(java.util.Arrays.toString(a.lr.toInterleavedBytes()));
        }
        assertEquals(6, distinct.size(), "six seeds should give six different LR images");
    }

    @Test
    void outputSizesFollowTheScale() {
        Planes hr = TestImages.detailed(256, 256, 2);
        for (int scale : new int[] {2, 4, 8}) {
            Degraded d = PIPE.apply(hr, scale, 11);
            assertEquals(256 / scale, d.lr.width);
            assertEquals(256 / scale, d.lr.height);
            assertEquals(21, d.kernel.size);
        }
        Degraded odd = PIPE.apply(TestImages.detailed(250, 201, 3), 4, 5);
        assertEquals(62, odd.lr.width);
        assertEquals(50, odd.lr.height);
    }

    @Test
    void lrIsEightBitAndRecordedKernelMatchesItsParameters() {
        Planes hr = TestImages.detailed(128, 128, 4);
        for (long seed = 0; seed < 20; seed++) {
            Degraded d = PIPE.apply(hr, 4, seed);
            for (float v : d.lr.c[0]) {
                assertEquals(Math.round(v * 255) / 255f, v, 1e-7f);
            }
            Map<String, Object> blur = d.params.steps.get(0);
            if (!"blur".equals(blur.get("op"))) {
                continue;
            }
            Kernel again = rebuild(blur).padTo(21);
            assertArrayEquals(again.w, d.kernel.w, "seed " + seed + " " + blur);
            double sum = 0;
            for (float v : d.kernel.w) {
                sum += v;
            }
            assertEquals(1, sum, 1e-6);
        }
    }

    @Test
    void stepsFollowRealEsrganOrder() {
        Degraded d = PIPE.apply(TestImages.detailed(128, 128, 5), 4, 3);
        List<Map<String, Object>> s = d.params.steps;
        assertTrue(s.size() >= 6, s.toString());
        assertTrue(s.stream().filter(m -> "jpeg".equals(m.get("op"))).count() == 2, "two JPEG steps: " + s);
        Map<String, Object> lastResize = s.stream().filter(m -> "resize".equals(m.get("op")))
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(32, lastResize.get("width"));
        String json = d.params.toJson();
        assertTrue(json.contains("\"seed\": 3") && json.contains("\"scale\": 4"), json);
    }

    @Test
    void emptyRecipeIsAPlainAreaDownscale(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plain.json");
        Files.writeString(file, "{\"name\": \"plain\", \"first\": null, \"second\": null,"
                + " \"final\": {\"modes\": [\"area\"], \"sincProb\": 0, \"jpeg\": null}}");
        Recipe r = Recipe.load(file);
        Planes hr = TestImages.detailed(64, 48, 6);
        Degraded d = DegradationPipeline.fromRecipe(r).apply(hr, 4, 99);
        Planes want = Resize.toSize(hr, 16, 12, Resize.Mode.AREA).clampInPlace().quantizeInPlace();
        assertArrayEquals(want.toInterleavedBytes(), d.lr.toInterleavedBytes());
        assertEquals(1f, d.kernel.at(10, 10));
        assertEquals("plain", d.params.recipe);
    }

    @Test
    void recipeOverridesMergeOverDefaultsAndBadRecipesNameTheFile(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("ok.json");
        Files.writeString(ok, "{\"second\": {\"blur\": {\"prob\": 0.25}}, \"final\": {\"sincProb\": 0.5}}");
        Recipe r = Recipe.load(ok);
        assertEquals(0.25, r.second.blur.prob);
        assertEquals(1.5, r.second.blur.sigma[1], "untouched keys come from the defaults");
        assertEquals(0.5, r.finalStep.sincProb);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"first\": {\"blur\": {\"kernels\": [\"box\"], \"kernelProbs\": [1]}}}");
        DadiffException e = assertThrows(DadiffException.class, () -> Recipe.load(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()) && e.getMessage().contains("box"), e.getMessage());
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"first\": ");
        assertThrows(DadiffException.class, () -> Recipe.load(broken));
    }

    @Test
    void defaultRecipeHasRealEsrganSettings() {
        Recipe r = Recipe.defaults();
        assertArrayEquals(new double[] {0.45, 0.25, 0.12, 0.03, 0.12, 0.03}, r.first.blur.kernelProbs);
        assertArrayEquals(new int[] {7, 21}, r.first.blur.kernelSizes);
        assertArrayEquals(new double[] {0.2, 3.0}, r.first.blur.sigma);
        assertArrayEquals(new double[] {0.2, 1.5}, r.second.blur.sigma);
        assertArrayEquals(new double[] {0.2, 0.7, 0.1}, r.first.resize.upDownKeep);
        assertArrayEquals(new double[] {0.3, 0.4, 0.3}, r.second.resize.upDownKeep);
        assertEquals(0.8, r.second.blur.prob);
        assertEquals(0.8, r.finalStep.sincProb);
        assertFalse(r.toJson().isEmpty());
    }

    private static Kernel rebuild(Map<String, Object> p) {
        String type = (String) p.get("kernel");
        int size = (Integer) p.get("size");
        if ("sinc".equals(type)) {
            return Kernels.circularLowpass(size, (Double) p.get("omega"));
        }
        double sx = (Double) p.get("sigmaX");
        double sy = (Double) p.get("sigmaY");
        double t = (Double) p.get("theta");
        if (type.startsWith("generalized")) {
            return Kernels.generalizedGaussian(size, sx, sy, t, (Double) p.get("beta"));
        }
        if (type.startsWith("plateau")) {
            return Kernels.plateau(size, sx, sy, t, (Double) p.get("beta"));
        }
        return Kernels.gaussian(size, sx, sy, t);
    }
}
