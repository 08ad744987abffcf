package org.dadiff4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
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
    private static DiffusionPrior prior;

    @BeforeAll
    static void load() {
        Path dir = SharedData.require("reference/adm-small");
        manager = NDManager.newBaseManager();
        prior = new AnchoredPrior(Priors.load(dir.resolve("model.pt"), dir.resolve("config.json"), manager), 0.1f);
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

    @Test
    void scaleTwo() {
        checkConsistency(randomPicture(40, 32, 3, 10), 2);
    }

    private static void checkConsistency(Picture lr, int s) {
        Upscaler up = DiffusionUpscaler.builder().setPrior(prior).setGuidance(new DdnmFactory(0f))
                .optScale(s).optSteps(10).build();
        Picture hr = up.upscale(lr, 1, ProgressListener.NONE);
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
