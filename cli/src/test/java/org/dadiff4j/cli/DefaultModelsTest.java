package org.dadiff4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;
import org.dadiff4j.models.load.DefaultModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The shipped models through the command line, as a user runs them. */
class DefaultModelsTest {

    @TempDir Path dir;

    private Path smoothInput() {
        int n = 16;
        float[][] planes = new float[3][n * n];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    planes[c][y * n + x] = (float) (0.5 + 0.3 * Math.sin(0.4 * x + 0.3 * y + c));
                }
            }
        }
        Path in = dir.resolve("in.png");
        ImageFiles.write(Picture.of(n, n, planes, null, 16), in);
        return in;
    }

    /** DDNM with the shipped prior: 16x16 -> 64x64, and 4x4 averages of the output give back the input. */
    @Test
    void ddnmWithTheShippedPriorKeepsTheInput() {
        assumeTrue(DefaultModels.find(DefaultModels.PRIOR).isPresent(), "no shipped prior in " + DefaultModels.location());
        Path in = smoothInput();
        CliTestSupport.Result r = CliTestSupport.run("upscale", in.toString(), "-o", dir.resolve("o").toString(),
                "--method", "ddnm", "--steps", "10");
        assertEquals(0, r.code, r.toString());
        Picture lr = ImageFiles.read(in);
        Picture hr = ImageFiles.read(dir.resolve("o/in_x4.png"));
        assertEquals(64, hr.width());
        assertEquals(64, hr.height());
        int interior = 0;
        for (int c = 0; c < 3; c++) {
            for (int by = 0; by < 16; by++) {
                for (int bx = 0; bx < 16; bx++) {
                    double sum = 0;
                    boolean clamped = false;
                    for (int y = 0; y < 4; y++) {
                        for (int x = 0; x < 4; x++) {
                            float v = hr.plane(c)[(by * 4 + y) * 64 + bx * 4 + x];
                            clamped |= v <= 0f || v >= 1f;
                            sum += v;
                        }
                    }
                    if (!clamped) {
                        interior++;
                        double err = Math.abs(sum / 16 - lr.plane(c)[by * 16 + bx]);
                        // 1/255 for A x = y, plus the 16-bit quantisation of both files
                        assertTrue(err <= 1.0 / 255 + 2.0 / 65535, "block " + bx + "," + by + " off by " + err);
                    }
                }
            }
        }
        assertTrue(interior >= 3 * 256 * 9 / 10, "a trained prior stays in range: " + interior + " of 768 blocks");
    }

    /**
     * Each shipped degradation-aware model restores an image that reduces back close to its input.
     * Not exactly: a blind model also removes what it takes for blur and noise (measured on this
     * sine: x2 22.0 dB, x4 31.3, x8 30.7; the x2 model sharpens most, hence its lower bound).
     * Misplaced or transposed weights give far less.
     */
    @ParameterizedTest
    @CsvSource({"2, 20", "4, 25", "8, 25"})
    void restoreWithTheShippedModelIsFaithful(int scale, double minPsnr) {
        assumeTrue(DefaultModels.find(DefaultModels.degradation(scale)).isPresent(), "no shipped x" + scale + " model");
        Path in = smoothInput();
        Path out = dir.resolve("r" + scale);
        CliTestSupport.Result r = CliTestSupport.run("upscale", in.toString(), "-o", out.toString(),
                "--method", "restore", "--scale", Integer.toString(scale));
        assertEquals(0, r.code, r.toString());
        Picture hr = ImageFiles.read(out.resolve("in_x" + scale + ".png"));
        assertEquals(16 * scale, hr.width());
        double psnr = org.dadiff4j.pipeline.Consistency.psnr(hr, ImageFiles.read(in));
        assertTrue(psnr > minPsnr, "output reduced to the input size vs the input: " + psnr + " dB");
    }

    /**
     * DADiff with the shipped prior and x4 model stays faithful to its input: the guidance pulls the
     * sample to it (25.9 dB here; 23.5 with the session-2 x4 model). The first shipped x4 model failed
     * this (9-12 dB): its E passed the input's content to Gd, so Gr(Gd(x0)) hardly followed x0 and the
     * guidance had no grip.
     */
    @Test
    void dadiffWithTheShippedModelsFollowsTheInput() throws Exception {
        assumeTrue(DefaultModels.find(DefaultModels.PRIOR).isPresent()
                && DefaultModels.find(DefaultModels.degradation(4)).isPresent(), "no shipped prior and x4 model");
        Path in = smoothInput();
        CliTestSupport.Result r = CliTestSupport.run("upscale", in.toString(), "-o", dir.resolve("d").toString(),
                "--method", "dadiff", "--steps", "10", "--alpha", "1.0");
        assertEquals(0, r.code, r.toString());
        double psnr = org.dadiff4j.pipeline.Consistency.psnr(ImageFiles.read(dir.resolve("d/in_x4.png")),
                ImageFiles.read(in));
        assertTrue(psnr > 20, "output reduced to the input size vs the input: " + psnr + " dB");
    }

    /** The shipped kernel estimator records its scale (x4); at another scale explicit stops with one line. */
    @Test
    void explicitRefusesAKernelEstimatorOfAnotherScale() {
        assumeTrue(DefaultModels.find(DefaultModels.KERNEL_ESTIMATOR).isPresent(), "no shipped kernel estimator");
        Path in = smoothInput();
        CliTestSupport.Result r = CliTestSupport.run("upscale", in.toString(), "-o", dir.resolve("k").toString(),
                "--method", "explicit", "--scale", "2", "--steps", "1");
        assertEquals(2, r.code, r.toString());
        assertTrue(r.err.contains("trained for x4, not x2"), r.err);
    }
}
