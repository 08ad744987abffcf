package org.dadiff4j.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResizeTest {

    @Test
    void halvingAveragesTwoByTwoBlocksInAreaAndBilinear() {
        Planes img = TestImages.random(8, 6, 1);
        for (Resize.Mode m : new Resize.Mode[] {Resize.Mode.AREA, Resize.Mode.BILINEAR}) {
            Planes out = Resize.toSize(img, 4, 3, m);
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    float[] c = img.c[1];
                    float want = (c[2 * y * 8 + 2 * x] + c[2 * y * 8 + 2 * x + 1] + c[(2 * y + 1) * 8 + 2 * x]
                            + c[(2 * y + 1) * 8 + 2 * x + 1]) / 4;
                    assertEquals(want, out.c[1][y * 4 + x], 1e-6, m.key());
                }
            }
        }
    }

    @Test
    void bilinearIsTheTorchExactResizeOfImage() {
        // One implementation: by size it is image.Resize.bilinearTorch (checked bit for bit against
        // PyTorch); by factor it samples at 1/factor, which differs where floor(n*factor) rounds.
        Planes img = TestImages.random(23, 17, 4);
        Planes bySize = Resize.toSize(img, 9, 31, Resize.Mode.BILINEAR);
        Planes byFactor = Resize.byFactor(img, 0.4, Resize.Mode.BILINEAR);
        for (int ch = 0; ch < 3; ch++) {
            assertArrayEquals(org.dadiff4j.image.Resize.bilinearTorch(img.c[ch], 23, 17, 9, 31), bySize.c[ch], 0f);
            assertArrayEquals(org.dadiff4j.image.Resize.bilinearTorch(img.c[ch], 23,
                    org.dadiff4j.nn.BilinearTaps.ofFactor(23, 9, 0.4), org.dadiff4j.nn.BilinearTaps.ofFactor(17, 6, 0.4)),
                    byFactor.c[ch], 0f);
        }
        assertEquals(9, byFactor.width);
        assertEquals(6, byFactor.height);
        assertTrue(TestImages.maxAbsDiff(byFactor, Resize.toSize(img, 9, 6, Resize.Mode.BILINEAR)) > 1e-3);
    }

    @Test
    void torchBicubicValuesOnARow() {
        // torch.nn.functional.interpolate(x, size=(1, 2), mode='bicubic', align_corners=False) for
        // x = [0, 1, 2, 3] samples source positions 0.5 and 2.5 with a = -0.75 and clamped edges:
        // position 0.5 -> weights (-0.09375, 0.59375, 0.59375, -0.09375) on (x0, x0, x1, x2)
        Planes row = new Planes(4, 1, new float[][] {{0, 1, 2, 3}});
        Planes out = Resize.toSize(row, 2, 1, Resize.Mode.BICUBIC);
        float left = -0.09375f * 0 + 0.59375f * 0 + 0.59375f * 1 - 0.09375f * 2;
        float right = -0.09375f * 1 + 0.59375f * 2 + 0.59375f * 3 - 0.09375f * 3;
        assertArrayEquals(new float[] {left, right}, out.c[0], 1e-6f);
    }

    @Test
    void scaleFactorSizesAndIdentity() {
        Planes img = TestImages.random(256, 200, 2);
        Planes out = Resize.byFactor(img, 0.37, Resize.Mode.BICUBIC);
        assertEquals(94, out.width);
        assertEquals(74, out.height);
        for (Resize.Mode m : Resize.Mode.values()) {
            assertEquals(0.0, TestImages.maxAbsDiff(img, Resize.toSize(img, 256, 200, m)), 1e-6, m.key());
            assertEquals(0.0, TestImages.maxAbsDiff(img, Resize.byFactor(img, 1.0, m)), 1e-6, m.key());
        }
    }

    @Test
    void everyModeKeepsConstants() {
        Planes flat = Planes.zeros(50, 40, 3);
        for (float[] c : flat.c) {
            java.util.Arrays.fill(c, 0.6f);
        }
        for (Resize.Mode m : Resize.Mode.values()) {
            Planes out = Resize.byFactor(flat, 1.37, m);
            for (float v : out.c[0]) {
                assertEquals(0.6f, v, 1e-6f, m.key());
            }
        }
        for (float v : Resize.antialiased(flat, 13, 9).c[2]) {
            assertEquals(0.6f, v, 1e-6f);
        }
    }

    @Test
    void antialiasingRemovesAliasingThatPlainBilinearKeeps() {
        Planes stripes = Planes.zeros(64, 64, 3);
        for (float[] c : stripes.c) {
            for (int i = 0; i < c.length; i++) {
                c[i] = (i % 64) % 2;
            }
        }
        Planes aa = Resize.antialiased(stripes, 16, 16);
        for (int i = 0; i < 256; i++) {
            // the stretched cubic passes a few percent at the input's Nyquist frequency
            assertEquals(0.5f, aa.c[0][i], 0.05f);
        }
        // bilinear without antialiasing reads two neighbouring pixels only, so the stripes alias
        Planes plain4 = Resize.toSize(stripes, 13, 13, Resize.Mode.BILINEAR);
        double spread = 0;
        for (float v : plain4.c[0]) {
            spread = Math.max(spread, Math.abs(v - 0.5));
        }
        assertTrue(spread > 0.2, "non-antialiased resize should alias, spread " + spread);
    }
}
