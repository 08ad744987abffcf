package org.dadiff4j.models.compact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import java.util.SplittableRandom;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.StrictLoader;
import org.dadiff4j.weights.TensorData;
import org.junit.jupiter.api.Test;

/** The measured readings against values worked out by hand, and E's use of them. */
class CuesTest {

    /** models/degradation-x2.json as it shipped from session 3 to session 12, before "cues" and "pooling". */
    static final String SESSION3_X2 = "{\"family\": \"compact-degradation\", \"scale\": 2, \"channels\": 48, "
            + "\"blocks\": 4, \"encoderChannels\": 32, "
            + "\"encoderBlocks\": 2, \"reprChannels\": 16, \"lqAtHrSize\": false, \"representation\": \"global\"}";

    private static final int W = 32;

    /** A gray image: the same values in all three channels. */
    private static NDArray gray(NDManager m, float[] v, int h, int w) {
        return m.create(v, new Shape(1, 1, h, w)).repeat(1, 3);
    }

    private static float[] cues(NDArray image) {
        return Cues.of(image).toFloatArray();
    }

    private static float[] noisy(int n, double sigma, boolean checkerLeft) {
        float[] v = new float[n * n];
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < v.length; i++) {
            int x = i % n;
            int y = i / n;
            v[i] = checkerLeft && x < n / 2 ? (x + y) % 2 : (float) (0.5 + sigma * rng.nextGaussian());
        }
        return v;
    }

    @Test
    void noiseIsLinearInSigmaAndIgnoresTexture() {
        try (NDManager m = NDManager.newBaseManager()) {
            int n = 256;
            float lo = cues(gray(m, noisy(n, 0.025, false), n, n))[0];
            float hi = cues(gray(m, noisy(n, 0.05, false), n, n))[0];
            assertEquals(2, hi / lo, 0.01);
            // the flattest quarter of the blocks reads below Immerkær's unbiased 10 · 0.05 = 0.5
            assertTrue(hi > 0.35 && hi < 0.5, "noise " + hi);
            // a checkerboard over half the image (|g∗M| = 16 there, 100x the noise) is not taken for
            // noise; with fewer flat blocks to choose from, the reading is a little less biased
            assertEquals(hi, cues(gray(m, noisy(n, 0.05, true), n, n))[0], 0.1 * hi);
            assertEquals(0, cues(m.full(new Shape(1, 3, n, n), 0.3f))[0], 1e-6);
        }
    }

    @Test
    void sharpnessOfAOnePixelLineIsTheReblurRatio() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = new float[W * W];
            for (int y = 0; y < W; y++) {
                v[y * W + W / 2] = 1;
            }
            // per row: total variation 2 over W-1 differences; blurred (0 .25 .5 .25 0): 1 over W-3.
            double expected = 1 - (1.0 / (W - 3)) / (2.0 / (W - 1));
            assertEquals(expected, cues(gray(m, v, W, W))[1], 1e-5);
        }
    }

    @Test
    void blurLowersSharpness() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = new float[64 * 64];
            SplittableRandom rng = new SplittableRandom(3);
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) rng.nextDouble();
            }
            NDArray sharp = gray(m, v, 64, 64);
            NDArray blurred = org.dadiff4j.nn.Upsample.bilinear(
                    org.dadiff4j.nn.Upsample.bilinear(sharp, 16, 16), 64, 64);
            float s = cues(sharp)[1];
            float b = cues(blurred)[1];
            assertTrue(s > 0.5 && b < 0.2, "sharp " + s + ", blurred " + b);
        }
    }

    @Test
    void blockinessOfEightPixelBlocksIsSeven() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = new float[W * W];
            SplittableRandom rng = new SplittableRandom(5);
            float[] blocks = new float[16];
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = (float) (0.1 + 0.8 * rng.nextDouble());
            }
            for (int y = 0; y < W; y++) {
                for (int x = 0; x < W; x++) {
                    v[y * W + x] = blocks[(y / 8) * 4 + x / 8];
                }
            }
            // every difference at the block edges, none inside: one phase of 8 holds all, max/mean = 8.
            assertEquals(7, cues(gray(m, v, W, W))[2], 1e-3); // 1e-6 in the denominator
            // shifted by 3 pixels, the grid is found at another phase
            NDArray shifted = gray(m, v, W, W).get(":, :, 3:, 3:");
            assertEquals(7, cues(shifted)[2], 0.5);
            float[] ramp = new float[W * W];
            for (int i = 0; i < ramp.length; i++) {
                ramp[i] = (i % W) / (float) W + (i / W) / (float) (2 * W);
            }
            assertEquals(0, cues(gray(m, ramp, W, W))[2], 1e-4);
        }
    }

    @Test
    void tinyImagesReadZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertArrayEquals(new float[6], cues(m.ones(new Shape(2, 3, 3, 9))));
            assertEquals(new Shape(2, 3, 1, 1), Cues.of(m.ones(new Shape(2, 3, 16, 3))).getShape());
        }
    }

    private static CompactConfig tiny(boolean cues) {
        return new CompactConfig(4, 8, 1, 8, 1, 4, false, true, true, cues);
    }

    @Test
    void cuesStartAtZeroAndThenSteerE() {
        try (NDManager m = NDManager.newBaseManager();
                CompactModel with = CompactModel.create(tiny(true), 11);
                CompactModel without = CompactModel.create(tiny(false), 11)) {
            NDArray lq = m.randomUniform(0, 1, new Shape(1, 3, 24, 24));
            ParameterStore ps = new ParameterStore(m, false);
            float[] a = with.net().encode(ps, lq, false).toFloatArray();
            assertArrayEquals(without.net().encode(ps, lq, false).toFloatArray(), a, 0f, "a fresh cue layer adds 0");
            // with a non-zero cue layer the representation moves with the noise reading
            StateDict sd = StateDict.fromBlock(with.net());
            float[] w = new float[4 * 3];
            w[0] = 1; // channel 0 <- noise
            sd.put("encoder.cues.weight", TensorData.of(w, new long[] {4, 3, 1, 1}));
            StrictLoader.load(with.net(), sd, m);
            float[] b = with.net().encode(ps, lq, false).toFloatArray();
            assertEquals(a[0] + cues(lq)[0], b[0], 1e-5);
            assertEquals(a[1], b[1], 1e-6);
        }
    }

    @Test
    void cuesAreOnByDefaultAndOffForFilesWithoutTheKey() {
        assertTrue(CompactConfig.defaults().cues());
        JsonObject o = CompactConfig.defaults().toJson();
        assertTrue(o.get("cues").getAsBoolean());
        assertEquals(CompactConfig.defaults(), CompactConfig.fromJson(o, "new.json"));
        o.remove("cues");
        assertFalse(CompactConfig.fromJson(o, "old.json").cues(), "files from before the key");
        assertFalse(CompactConfig.fromJson(com.google.gson.JsonParser.parseString(SESSION3_X2).getAsJsonObject(),
                "degradation-x2.json").cues());
    }
}
