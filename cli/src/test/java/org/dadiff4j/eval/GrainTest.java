package org.dadiff4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GrainTest {

    /** 16x16 gray: the left half flat at 100, the right half a checkerboard of 0 and 200. */
    private static int[] halfFlat() {
        int[] img = new int[16 * 16];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                img[y * 16 + x] = x < 8 ? 100 : ((x + y) % 2 == 0 ? 0 : 200);
            }
        }
        return img;
    }

    @Test
    void perfectOutputAndUniformOffsetScoreZero() {
        int[] hr = halfFlat();
        assertEquals(0, Grain.compute(hr, hr, 16, 16, 1), 0);
        int[] shifted = hr.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 7;
        }
        assertEquals(0, Grain.compute(shifted, hr, 16, 16, 1), 1e-12);
    }

    @Test
    void measuresTheNoiseOnTheFlattestBlocksOnly() {
        int[] hr = halfFlat();
        // 4 blocks, the flattest 20% of them is 1 block: the top-left (ties keep raster order).
        int[] sr = hr.clone();
        // +-10 alternating on the top-left block: std exactly 10 there.
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                sr[y * 16 + x] += (x + y) % 2 == 0 ? 10 : -10;
            }
        }
        assertEquals(10, Grain.compute(sr, hr, 16, 16, 1), 1e-12);
        // Noise on the busy right half does not count.
        int[] busy = hr.clone();
        for (int y = 0; y < 16; y++) {
            for (int x = 8; x < 16; x++) {
                busy[y * 16 + x] += (x % 3) * 20;
            }
        }
        assertEquals(0, Grain.compute(busy, hr, 16, 16, 1), 1e-12);
    }

    @Test
    void growsWithAddedNoise() {
        int[] hr = new int[64 * 64 * 3];
        java.util.Arrays.fill(hr, 128);
        SplittableRandom rng = new SplittableRandom(1);
        double last = 0;
        for (double sigma : new double[] {2, 5, 10}) {
            int[] sr = hr.clone();
            for (int i = 0; i < sr.length; i++) {
                sr[i] += (int) Math.round(sigma * rng.nextGaussian());
            }
            double g = Grain.compute(sr, hr, 64, 64, 3);
            assertEquals(sigma, g, 0.15 * sigma + 0.3);
            assertTrue(g > last);
            last = g;
        }
    }

    @Test
    void refusesImagesSmallerThanABlock() {
        assertThrows(IllegalArgumentException.class, () -> Grain.compute(new int[7 * 7], new int[7 * 7], 7, 7, 1));
    }
}
