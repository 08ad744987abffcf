package org.dadiff4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.dadiff4j.testutil.SharedData;
import org.dadiff4j.weights.Npy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Parity with BasicSR's NIQE as run by the official code (shared/reference/metrics/niqe). */
class NiqeTest {

    private static final String DIR = "reference/metrics/niqe/";

    private static BufferedImage png(String name) throws IOException {
        return ImageIO.read(SharedData.require(DIR + name).toFile());
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToIntBits(a[i]);
        }
        return b;
    }

    @Test
    void lumaIsBitExact() throws IOException {
        // The PNG is RGB; OpenCV read it as BGR and BasicSR weights B by 24.966, R by 65.481.
        BufferedImage img = png("butterfly.png");
        float[] y = Pixels.luma(Pixels.rgb(img), img.getWidth(), img.getHeight(), 3);
        Npy.Array ref = Npy.read(SharedData.require(DIR + "butterfly_y.npy"));
        assertArrayEquals(new long[] {356, 493}, ref.shape);
        assertArrayEquals(bits(ref.toFloats()), bits(y));
    }

    @Test
    void scale2ReductionIsBitExact() {
        Npy.Array y = Npy.read(SharedData.require(DIR + "butterfly_y.npy"));
        float[] full = y.toFloats();
        int w = 493;
        int ch = 288;
        int cw = 480;
        float[] crop = new float[ch * cw];
        for (int r = 0; r < ch; r++) {
            System.arraycopy(full, r * w, crop, r * cw, cw);
        }
        Npy.Array ref = Npy.read(SharedData.require(DIR + "butterfly_scale2_img.npy"));
        assertArrayEquals(new long[] {144, 240}, ref.shape);
        assertArrayEquals(bits(ref.toFloats()), bits(Niqe.halve(crop, cw, ch)));
    }

    @ParameterizedTest
    @CsvSource({
        "baboon, 3.71932335",
        "fruits, 4.53851126",
        "butterfly, 5.76994684",
        "fruits_blur1.5_jpeg12, 10.1047290",
    })
    void matchesOfficialScoreAndFeatures(String name, double expected) throws IOException {
        BufferedImage img = png(name + ".png");
        float[] y = Pixels.luma(Pixels.rgb(img), img.getWidth(), img.getHeight(), 3);
        double[][] feats = Niqe.features(y, img.getWidth(), img.getHeight());
        Npy.Array ref = Npy.read(SharedData.require(DIR + name + "_distparam.npy"));
        double[] r = ref.toDoubles();
        assertEquals(ref.shape[0], feats.length);
        double maxDiff = 0;
        for (int i = 0; i < feats.length; i++) {
            for (int j = 0; j < 36; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(feats[i][j] - r[i * 36 + j]));
            }
        }
        double score = Niqe.compute(img);
        System.out.printf("NIQE %s: %.12f (ref %.9f), distparam max diff %.2e%n",
                name, score, expected, maxDiff);
        assertTrue(maxDiff <= 1e-3, "distparam max abs diff " + maxDiff);
        assertEquals(expected, score, 2e-4);
    }

    @Test
    void gammaMatchesClosedForms() {
        assertEquals(Math.sqrt(Math.PI), Aggd.gamma(0.5), 1e-15 * Math.sqrt(Math.PI));
        assertEquals(87178291200.0, Aggd.gamma(15), 87178291200.0 * 5e-15); // 14!
        assertEquals(2.6789385347077476337, Aggd.gamma(1.0 / 3), 2.7e-15);
        assertEquals(9.5135076986687318397, Aggd.gamma(0.1), 1e-14);
    }

    @Test
    void sumFollowsNumpyBlocking() {
        // 1 followed by 128 values of 2^-24 (half an ulp of 1). Pairwise: the first leaf of 64 keeps
        // accumulator r0 at 1 (its 7 small terms tie to even), the other 7 accumulators hold 8 each,
        // so 1 + 56u; the second leaf sums 65u exactly; 1 + 121u rounds to even: 1 + 120u.
        float u = 0x1p-24f;
        float[] a = new float[129];
        a[0] = 1f;
        java.util.Arrays.fill(a, 1, a.length, u);
        assertEquals(1f + 120 * u, Aggd.pairwiseSum(a, 0, a.length));
        // Past 8192 elements the chunks are added in order: (1 + u) + u = 1 twice by ties to even,
        // where one pairwise tree would first add u + u exactly and give 1 + 2u.
        float[] b = new float[8200];
        b[0] = 1f;
        b[4096] = u;
        b[8192] = u;
        assertEquals(1f + 2 * u, Aggd.pairwiseSum(b, 0, b.length));
        assertEquals(1f, Aggd.sum(b, b.length));
    }
}
