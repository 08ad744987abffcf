package org.dadiff4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.dadiff4j.testutil.SharedData;
import org.dadiff4j.weights.Npy;
import org.junit.jupiter.api.Test;

class ResizeTest {

    @Test
    void cubicWeightsAtHalfOffsetAreTheTextbookValues() {
        // t = 0.5: distances 1.5, 0.5, 0.5, 1.5 -> -0.0625, 0.5625, 0.5625, -0.0625 for a = -0.5
        assertEquals(-0.0625, Resize.cubic(1.5), 0.0);
        assertEquals(0.5625, Resize.cubic(0.5), 0.0);
        assertEquals(0.5625, Resize.cubic(-0.5), 0.0);
        assertEquals(-0.0625, Resize.cubic(-1.5), 0.0);
        assertEquals(1.0, Resize.cubic(0.0), 0.0);
        assertEquals(0.0, Resize.cubic(1.0), 0.0);
        assertEquals(0.0, Resize.cubic(2.0), 0.0);
    }

    @Test
    void pilCoefficientsForUpscaleByTwoUseQuarterOffsets() {
        // 4 -> 8, scale 0.5: output 4 has center 2.25; source centres 0.5..3.5 are 1.75, 0.75, 0.25, 1.25 away
        Resize.Coefficients c = Resize.coefficients(4, 8);
        assertEquals(0, c.start[4]);
        assertArrayEquals(new double[] {Resize.cubic(1.75), Resize.cubic(0.75), Resize.cubic(0.25), Resize.cubic(1.25)},
                c.weights[4], 1e-15);
        // output 0 (center 0.25) only reaches pixels 0 and 1 (0.25 and 1.25 away): clipped, renormalised
        double a = Resize.cubic(0.25);
        double b = Resize.cubic(1.25);
        assertEquals(0, c.start[0]);
        assertArrayEquals(new double[] {a / (a + b), b / (a + b)}, c.weights[0], 1e-15);
    }

    @Test
    void pilDownscaleStretchesTheKernelByTheFactor() {
        // 8 -> 4, scale 2, support 4: output 1 has center 3 and uses pixels 0..6 with cubic(d / 2)
        Resize.Coefficients c = Resize.coefficients(8, 4);
        assertEquals(0, c.start[1]);
        double[] raw = new double[7];
        double sum = 0;
        for (int i = 0; i < 7; i++) {
            raw[i] = Resize.cubic((i + 0.5 - 3) / 2);
            sum += raw[i];
        }
        for (int i = 0; i < 7; i++) {
            raw[i] /= sum;
        }
        assertArrayEquals(raw, c.weights[1], 1e-15);
    }

    @Test
    void bicubicKeepsAConstantImageConstant() {
        float[] src = new float[7 * 5];
        java.util.Arrays.fill(src, 0.375f);
        for (int[] size : new int[][] {{13, 11}, {3, 2}, {7, 9}, {1, 1}}) {
            float[] out = Resize.bicubicPil(src, 7, 5, size[0], size[1]);
            for (float v : out) {
                assertEquals(0.375f, v, 1e-7f);
            }
        }
    }

    @Test
    void bicubicDownscaleByTwoOfALinearRampGivesTheRampAtTheCentres() {
        // f(x) = x on 16 pixels; output pixel j covers 2j..2j+1, centre 2j+0.5. Away from the edges
        // the symmetric normalised kernel reproduces linear functions exactly.
        int w = 16;
        float[] src = new float[w];
        for (int x = 0; x < w; x++) {
            src[x] = x;
        }
        float[] out = Resize.bicubicPil(src, w, 1, 8, 1);
        for (int j = 2; j < 6; j++) {
            assertEquals(2 * j + 0.5f, out[j], 1e-5f);
        }
    }

    @Test
    void bicubicMatchesPillowBitForBit() throws Exception {
        float[] src = Npy.read(resource("pil_src_5x6.npy")).toFloats();
        int[][] sizes = {{9, 13}, {2, 3}, {11, 4}, {17, 6}};
        for (int[] hw : sizes) {
            float[] want = Npy.read(resource("pil_bicubic_" + hw[0] + "x" + hw[1] + ".npy")).toFloats();
            assertArrayEquals(want, Resize.bicubicPil(src, 6, 5, hw[1], hw[0]), 0f, "size " + hw[0] + "x" + hw[1]);
        }
        float[] big = Npy.read(resource("pil_src_20x24.npy")).toFloats();
        float[] want = Npy.read(resource("pil_bicubic_20x24_to_5x7.npy")).toFloats();
        assertArrayEquals(want, Resize.bicubicPil(big, 24, 20, 7, 5), 0f);
    }

    @Test
    void bilinearTwoByTwoToFourByFourByHand() {
        // scale 0.5: src = max(0.5*(d+0.5)-0.5, 0) = 0, 0.25, 0.75, 1.25->clamped neighbour
        // d=0: i0=0 l1=0; d=1: i0=0 l1=0.25; d=2: i0=0 l1=0.75; d=3: src=1.25, i0=1, i1=1, l1=0.25
        float[] src = {0f, 1f, 2f, 3f}; // [[0,1],[2,3]]
        float[] out = Resize.bilinearTorch(src, 2, 2, 4, 4);
        float[] row = {0f, 0.25f, 0.75f, 1f};
        float[] col = {0f, 0.5f, 1.5f, 2f};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(row[x] + col[y], out[y * 4 + x], 0f, "at " + x + "," + y);
            }
        }
    }

    @Test
    void bilinearIsBitExactWithTorchOnTheReferenceInput() {
        Npy.Array y = Npy.read(SharedData.require("reference/dadiff-loop-small/y_lr.npy"));
        Npy.Array ref = Npy.read(SharedData.require("reference/dadiff-loop-small/ld_lq.npy"));
        float[] in = y.toFloats();
        float[] want = ref.toFloats();
        for (int c = 0; c < 3; c++) {
            float[] plane = java.util.Arrays.copyOfRange(in, c * 256, (c + 1) * 256);
            float[] got = Resize.bilinearTorch(plane, 16, 16, 64, 64);
            float[] exp = java.util.Arrays.copyOfRange(want, c * 4096, (c + 1) * 4096);
            assertArrayEquals(exp, got, 0f, "channel " + c);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = Resize.bilinearTorch(y.toNDArray(m), 64, 64);
            assertEquals(new ai.djl.ndarray.types.Shape(1, 3, 64, 64), out.getShape());
            assertArrayEquals(want, out.toFloatArray(), 0f);
        }
    }

    @Test
    void bilinearDownscaleAveragesNeighbours() {
        // 4 -> 2: scale 2, src = 2d + 0.5, so each output is the mean of pixels 2d and 2d+1
        float[] src = {1f, 3f, 10f, 20f};
        assertArrayEquals(new float[] {2f, 15f}, Resize.bilinearTorch(src, 4, 1, 2, 1), 0f);
    }

    static Path resource(String name) throws URISyntaxException {
        return Paths.get(ResizeTest.class.getResource("/image/" + name).toURI());
    }
}
