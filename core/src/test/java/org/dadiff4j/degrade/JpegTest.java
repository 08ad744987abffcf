package org.dadiff4j.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JpegTest {

    @Test
    void qualityHundredIsNearlyLosslessAndTenIsMuchWorse() {
        Planes img = TestImages.smooth(128, 96).quantizeInPlace();
        double q100 = TestImages.psnr(img, Jpeg.compress(img, 100));
        double q10 = TestImages.psnr(img, Jpeg.compress(img, 10));
        assertTrue(q100 > 40, "q100 PSNR " + q100);
        assertTrue(q10 < q100 - 10, "q10 PSNR " + q10 + " vs q100 " + q100);
    }

    @Test
    void qualityOrdersErrorOnDetailedImages() {
        Planes img = TestImages.detailed(96, 96, 4).quantizeInPlace();
        double prev = 0;
        for (int q : new int[] {10, 30, 60, 95}) {
            double p = TestImages.psnr(img, Jpeg.compress(img, q));
            assertTrue(p > prev, "PSNR at quality " + q + " is " + p + ", not above " + prev);
            prev = p;
        }
    }

    @Test
    void encodingIsDeterministicAndDecodesToTheSameSize() {
        Planes img = TestImages.detailed(37, 21, 5);
        byte[] a = Jpeg.encode(img, 55);
        assertArrayEquals(a, Jpeg.encode(img, 55));
        assertEquals(0xFF, a[0] & 0xff);
        assertEquals(0xD8, a[1] & 0xff);
        Planes back = Jpeg.decode(a);
        assertEquals(37, back.width);
        assertEquals(21, back.height);
    }
}
