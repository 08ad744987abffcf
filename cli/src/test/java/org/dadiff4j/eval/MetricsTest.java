package org.dadiff4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.dadiff4j.eval.Metrics.Options;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final double C1 = 6.5025; // (0.01·255)²
    private static final double C2 = 58.5225; // (0.03·255)²

    private static int[] random(int n, int lo, int hi, long seed) {
        Random r = new Random(seed);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = lo + r.nextInt(hi - lo + 1);
        }
        return a;
    }

    private static int[] plus(int[] a, int d) {
        int[] b = a.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] += d;
        }
        return b;
    }

    @Test
    void psnrOfAUniformError() {
        int[] a = random(20 * 16 * 3, 5, 250, 1);
        // MSE = 25 everywhere: 10·log10(255²/25) = 20·log10(51).
        assertEquals(34.151403521958725, Metrics.psnr(a, plus(a, 5), 20, 16, 3, Options.RGB), 1e-12);
        assertEquals(34.151403521958725, Metrics.psnr(a, plus(a, -5), 20, 16, 3, Options.RGB), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, Metrics.psnr(a, a.clone(), 20, 16, 3, Options.RGB));
    }

    @Test
    void ssimOfAnImageWithItselfIsExactlyOne() {
        int[] a = random(24 * 17 * 3, 0, 255, 2);
        assertEquals(1.0, Metrics.ssim(a, a.clone(), 24, 17, 3, Options.RGB), 0.0);
        assertEquals(1.0, Metrics.ssim(a, a.clone(), 24, 17, 3, new Options(3, true)), 0.0);
    }

    @Test
    void ssimOfAShiftedFlatImage() {
        // Flat 100 vs flat 110: no variance, so SSIM = (2·100·110 + C1) / (100² + 110² + C1).
        for (int[] wh : new int[][] {{11, 11}, {14, 12}}) {
            int n = wh[0] * wh[1];
            int[] a = new int[n];
            java.util.Arrays.fill(a, 100);
            double expected = (22000 + C1) / (22100 + C1);
            assertEquals(expected, Metrics.ssim(a, plus(a, 10), wh[0], wh[1], 1, Options.RGB), 1e-12);
        }
    }

    @Test
    void ssimMatchesADirectTwoDimensionalWindow() {
        int w = 19;
        int h = 15;
        int[] a = random(w * h * 3, 0, 255, 3);
        int[] b = a.clone();
        Random r = new Random(4);
        for (int i = 0; i < b.length; i++) {
            b[i] = Math.max(0, Math.min(255, b[i] + r.nextInt(41) - 20));
        }
        double total = 0;
        for (int c = 0; c < 3; c++) {
            total += directSsim(a, b, w, h, c);
        }
        assertEquals(total / 3, Metrics.ssim(a, b, w, h, 3, Options.RGB), 1e-12);
    }

    /** Wang et al.'s SSIM over every full 11x11 window, weights exp(−r²/2σ²) normalised in 2-D. */
    private static double directSsim(int[] a, int[] b, int w, int h, int c) {
        double[][] g = new double[11][11];
        double sum = 0;
        for (int i = 0; i < 11; i++) {
            for (int j = 0; j < 11; j++) {
                g[i][j] = Math.exp(-((i - 5) * (i - 5) + (j - 5) * (j - 5)) / (2 * 1.5 * 1.5));
                sum += g[i][j];
            }
        }
        double acc = 0;
        int count = 0;
        for (int y = 0; y + 11 <= h; y++) {
            for (int x = 0; x + 11 <= w; x++) {
                double mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
                for (int i = 0; i < 11; i++) {
                    for (int j = 0; j < 11; j++) {
                        double wt = g[i][j] / sum;
                        double p = a[((y + i) * w + x + j) * 3 + c];
                        double q = b[((y + i) * w + x + j) * 3 + c];
                        mx += wt * p;
                        my += wt * q;
                        mxx += wt * p * p;
                        myy += wt * q * q;
                        mxy += wt * p * q;
                    }
                }
                double vx = mxx - mx * mx;
                double vy = myy - my * my;
                double cxy = mxy - mx * my;
                acc += (2 * mx * my + C1) * (2 * cxy + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
                count++;
            }
        }
        return acc / count;
    }

    @Test
    void cropBorderIgnoresTheBorder() {
        int w = 30;
        int h = 26;
        int[] a = random(w * h * 3, 0, 255, 5);
        int[] b = a.clone();
        // Change the outer 2 pixels only.
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x < 2 || y < 2 || x >= w - 2 || y >= h - 2) {
                    for (int c = 0; c < 3; c++) {
                        b[(y * w + x) * 3 + c] = 255 - a[(y * w + x) * 3 + c];
                    }
                }
            }
        }
        assertTrue(Metrics.psnr(a, b, w, h, 3, Options.RGB) < 20);
        // The valid-region windows see the border only through their outermost (small) weights.
        assertTrue(Metrics.ssim(a, b, w, h, 3, Options.RGB) < 1.0);
        assertEquals(Double.POSITIVE_INFINITY, Metrics.psnr(a, b, w, h, 3, new Options(2, false)));
        assertEquals(1.0, Metrics.ssim(a, b, w, h, 3, new Options(2, false)), 0.0);
        assertTrue(Metrics.psnr(a, b, w, h, 3, new Options(1, false)) < 30);
        assertThrows(IllegalArgumentException.class, () -> Metrics.ssim(a, b, w, h, 3, new Options(8, false)));
    }

    @Test
    void yChannelWeighsBlueByItsLumaCoefficient() {
        int w = 16;
        int h = 16;
        int[] a = random(w * h * 3, 0, 250, 6);
        int[] b = a.clone();
        for (int i = 2; i < b.length; i += 3) {
            b[i] += 5; // blue only
        }
        // RGB: MSE = 25/3. Y: every pixel moves by 5·24.966/255 (up to float32 rounding of Y).
        assertEquals(10 * Math.log10(255.0 * 255 * 3 / 25), Metrics.psnr(a, b, w, h, 3, Options.RGB), 1e-12);
        double dy = 5 * 24.966 / 255;
        assertEquals(20 * Math.log10(255 / dy), Metrics.psnr(a, b, w, h, 3, new Options(0, true)), 2e-3);
    }

    @Test
    void lumaOfBlackAndWhite() {
        assertArrayEquals(new float[] {16f, 235f}, Pixels.luma(new int[] {0, 0, 0, 255, 255, 255}, 2, 1, 3));
    }

    @Test
    void quantizeRoundsHalfToEvenLikeTensor2img() {
        float[] chw = {0f, 1f, 1.2f, -0.1f, 0.5f, 1.5f / 255f};
        assertArrayEquals(new int[] {0, 255, 255, 0, 128, 2}, Pixels.quantize(chw, 1, 1, 6));
        // CHW planes become interleaved HWC.
        assertArrayEquals(new int[] {0, 255, 51, 102}, Pixels.quantize(new float[] {0f, 0.2f, 1f, 0.4f}, 2, 1, 2));
    }

    @Test
    void grayImagesKeepTheirStoredValues() {
        BufferedImage g = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        g.getRaster().setSample(0, 0, 0, 100);
        g.getRaster().setSample(1, 0, 0, 7);
        assertArrayEquals(new int[] {100, 100, 100, 7, 7, 7}, Pixels.rgb(g));
        BufferedImage c = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        c.setRGB(0, 0, 0x0a141e);
        assertArrayEquals(new int[] {10, 20, 30}, Pixels.rgb(c));
    }
}
