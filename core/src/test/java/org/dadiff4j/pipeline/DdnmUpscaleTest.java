package org.dadiff4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dadiff4j.image.Picture;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.load.Priors;
import org.dadiff4j.testutil.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DDNM through the whole upscaler (padding, tiling, guidance, crop): s x s averages of the output
 * give back the input (A x = y) to within 1/255, except in blocks where the final clamp acted.
 */
class DdnmUpscaleTest {

    private static NDManager manager;
    private static DiffusionPrior net;
    private static DiffusionPrior prior;

    @BeforeAll
    static void load() {
        Path dir = SharedData.require("reference/adm-small");
        manager = NDManager.newBaseManager();
        net = Priors.load(dir.resolve("model.pt"), dir.resolve("config.json"), manager);
        prior = new AnchoredPrior(net, 0.1f);
    }

    @AfterAll
    static void close() {
        if (manager != null) {
            manager.close();
        }
    }

    static Picture randomPicture(int w, int h, int channels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] planes = new float[channels][w * h];
        for (float[] p : planes) {
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (0.2 + 0.6 * r.nextDouble());
            }
        }
        return Picture.of(w, h, planes, null, 16);
    }

    @Test
    void exactlyOneTile() {
        checkConsistency(randomPicture(16, 16, 3, 7), 4);
    }

    @Test
    void smallInputIsPaddedAndCroppedBack() {
        checkConsistency(randomPicture(10, 13, 3, 8), 4);
    }

    @Test
    void largeNonSquareInputIsTiled() {
        checkConsistency(randomPicture(26, 19, 3, 9), 4);
    }

    /**
     * The final sample hardly depends on the network (with the anchor its share of the last x0 is
     * about 1e-3), so these look at the x0 estimates of the steps. The prior's contribution is the
     * difference from a run whose network is weighted 0 (where x0 is A+y exactly). It must be
     * clearly non-zero, and a run tiled with 64-pixel tiles must reproduce the untiled run's
     * contribution up to what tiling a network with attention and group norms changes (measured
     * 26-28% over the first six steps; wrongly placed or blended tiles give 100% and more).
     */
    @Test
    void tiledRunMatchesAnUntiledOneAndThePriorCounts() {
        Picture lr = randomPicture(32, 32, 3, 11);
        compareTilings(lr, 64, 128);
    }

    /** The same for a non-square input, tiles of 64 against tiles of 96, which span its height. */
    @Test
    void nonSquareTilingsAgree() {
        Picture lr = randomPicture(32, 24, 3, 12);
        compareTilings(lr, 64, 96);
    }

    private static void compareTilings(Picture lr, int tile, int reference) {
        List<float[]> tiled = new ArrayList<>();
        List<float[]> whole = new ArrayList<>();
        List<float[]> none = new ArrayList<>();
        checkConsistency(upscaler(prior, tile, tiled).upscale(lr, 1, ProgressListener.NONE), lr, 4);
        upscaler(prior, reference, whole).upscale(lr, 1, ProgressListener.NONE);
        upscaler(new AnchoredPrior(net, 0f), reference, none).upscale(lr, 1, ProgressListener.NONE);
        assertEquals(10, tiled.size());
        for (int k = 0; k < 6; k++) {
            double contribution = 0;
            double off = 0;
            for (int i = 0; i < whole.get(k).length; i++) {
                double c = whole.get(k)[i] - none.get(k)[i];
                double d = tiled.get(k)[i] - whole.get(k)[i];
                contribution += c * c;
                off += d * d;
            }
            double rms = Math.sqrt(contribution / whole.get(k).length);
            double rel = Math.sqrt(off / contribution);
            assertTrue(rms > (k == 0 ? 0.5 : 0.03), "step " + k + ": the prior's contribution to x0 is only " + rms);
            assertTrue(rel < 0.4, "step " + k + ": tiles of " + tile + " differ from tiles of " + reference + " by "
                    + rel + " of the prior's contribution");
        }
    }

    private static Upscaler upscaler(DiffusionPrior p, int tile, List<float[]> x0s) {
        return DiffusionUpscaler.builder().setPrior(p).setGuidance(new DdnmFactory(0f)).optScale(4).optSteps(10).optStrength(1)
                .optTile(tile).optObserver((s, x0, x) -> x0s.add(x0.toFloatArray())).build();
    }

    @Test
    void scaleTwo() {
        checkConsistency(randomPicture(40, 32, 3, 10), 2);
    }

    private static void checkConsistency(Picture lr, int s) {
        Upscaler up = DiffusionUpscaler.builder().setPrior(prior).setGuidance(new DdnmFactory(0f))
                .optScale(s).optSteps(10).optStrength(1).build();
        checkConsistency(up.upscale(lr, 1, ProgressListener.NONE), lr, s);
    }

    private static void checkConsistency(Picture hr, Picture lr, int s) {
        assertEquals(lr.width() * s, hr.width());
        assertEquals(lr.height() * s, hr.height());
        int interior = 0;
        int blocks = 0;
        int w = hr.width();
        for (int c = 0; c < 3; c++) {
            float[] out = hr.plane(c);
            for (int by = 0; by < lr.height(); by++) {
                for (int bx = 0; bx < lr.width(); bx++) {
                    double sum = 0;
                    boolean clamped = false;
                    for (int y = 0; y < s; y++) {
                        for (int x = 0; x < s; x++) {
                            float v = out[(by * s + y) * w + bx * s + x];
                            clamped |= v <= 0f || v >= 1f;
                            sum += v;
                        }
                    }
                    blocks++;
                    if (!clamped) {
                        interior++;
                        double err = Math.abs(sum / (s * s) - lr.plane(c)[by * lr.width() + bx]);
                        assertTrue(err <= 1.0 / 255, "block " + bx + "," + by + " off by " + err);
                    }
                }
            }
        }
        assertTrue(interior >= blocks / 2, "too few unclamped blocks: " + interior + " of " + blocks);
    }
}
