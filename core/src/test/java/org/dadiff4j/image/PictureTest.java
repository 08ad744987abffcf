package org.dadiff4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PictureTest {

    @Test
    void isImmutable() {
        float[] gray = {0.1f, 0.2f};
        Picture p = Picture.of(2, 1, new float[][] {gray}, null, 8);
        gray[0] = 0.9f;
        p.plane(0)[1] = 0.9f;
        assertArrayEquals(new float[] {0.1f, 0.2f}, p.plane(0), 0f);
    }

    @Test
    void rejectsInconsistentShapes() {
        assertThrows(IllegalArgumentException.class, () -> Picture.of(2, 2, new float[][] {new float[3]}, null, 8));
        assertThrows(IllegalArgumentException.class, () -> Picture.of(2, 1, new float[2][2], null, 8));
        assertThrows(IllegalArgumentException.class, () -> Picture.of(2, 1, new float[1][2], new float[1], 8));
        assertThrows(IllegalArgumentException.class, () -> Picture.of(2, 1, new float[1][2], null, 12));
    }

    @Test
    void withColorKeepsKindDepthAndResizesAlphaLikePil() {
        // gray + alpha, 16-bit, 3x2; alpha is a hard edge so bicubic overshoot must be clamped
        float[] alpha = {0f, 1f, 1f, 0f, 1f, 1f};
        Picture p = Picture.of(3, 2, new float[][] {new float[6]}, alpha, 16);
        float[][] rgb = new float[3][12 * 8];
        for (int i = 0; i < rgb[0].length; i++) {
            rgb[0][i] = 1f;
            rgb[1][i] = 0.5f;
            rgb[2][i] = 0f;
        }
        Picture r = p.withColor(rgb, 12, 8);
        assertTrue(r.isGray());
        assertEquals(16, r.bitDepth());
        assertEquals(12, r.width());
        assertEquals(8, r.height());
        // luma of (1, 0.5, 0): 0.299 + 0.2935
        assertEquals(0.299f + 0.587f * 0.5f, r.get(0, 5, 5), 1e-6f);
        float[] want = Resize.bicubicPil(alpha, 3, 2, 12, 8);
        float[] got = r.alpha();
        boolean clamped = false;
        for (int i = 0; i < want.length; i++) {
            float c = Math.min(Math.max(want[i], 0f), 1f);
            clamped |= c != want[i];
            assertEquals(c, got[i], 0f);
        }
        assertTrue(clamped, "the test edge should overshoot");
    }

    @Test
    void withColorReplicatesGrayForAnRgbPicture() {
        Picture p = Picture.of(1, 1, new float[][] {{0f}, {0f}, {0f}}, null, 8);
        Picture r = p.withColor(new float[][] {{0.25f, 0.75f}}, 2, 1);
        assertEquals(3, r.channels());
        assertArrayEquals(new float[] {0.25f, 0.75f}, r.plane(2), 0f);
        assertNull(r.alpha());
    }
}
