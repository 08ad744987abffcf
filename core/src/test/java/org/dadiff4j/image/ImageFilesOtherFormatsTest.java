package org.dadiff4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesOtherFormatsTest {

    @TempDir
    Path dir;

    @Test
    void bmpReadsExactly() throws Exception {
        Picture src = TestImages.quantisedNoise(5, 3, 3, false, 8, 17);
        Path f = dir.resolve("noise.bmp");
        BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_3BYTE_BGR);
        img.getRaster().setRect(Rasters.toImage(src, 8, false).getRaster());
        ImageIO.write(img, "bmp", f.toFile());
        Picture back = ImageFiles.read(f);
        assertEquals(src, back);
    }

    @Test
    void losslessWebpReadsExactly() throws Exception {
        Picture p = ImageFiles.read(ResizeTest.resource("tiny-lossless.webp"));
        assertEquals(4, p.width());
        assertEquals(2, p.height());
        assertFalse(p.hasAlpha());
        int[][] rgb = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255},
            {10, 20, 30}, {40, 50, 60}, {70, 80, 90}, {0, 0, 0}};
        for (int c = 0; c < 3; c++) {
            float[] want = new float[8];
            for (int i = 0; i < 8; i++) {
                want[i] = rgb[i][c] / 255f;
            }
            assertArrayEquals(want, p.plane(c), 0f, "channel " + c);
        }
    }

    @Test
    void webpAlphaIsKept() throws Exception {
        Picture p = ImageFiles.read(ResizeTest.resource("alpha-lossless.webp"));
        assertArrayEquals(new float[] {127 / 255f, 127 / 255f}, p.alpha(), 0f);
        assertArrayEquals(new float[] {1f, 1f}, p.plane(0), 0f);
    }
}
