package org.dadiff4j.image;

import static org.dadiff4j.image.ImageFilesPngTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesJpegTest {

    private static final float TOL = 0.06f; // JPEG error on flat 8x8 blocks

    @TempDir
    Path dir;

    /** 32x16 mid-gray picture with a red 8x8 block in the stored top-left corner. */
    private static Picture cornerMarked() {
        int w = 32;
        int h = 16;
        float[][] p = new float[3][w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean red = x < 8 && y < 8;
                p[0][y * w + x] = red ? 1f : 0.5f;
                p[1][y * w + x] = red ? 0f : 0.5f;
                p[2][y * w + x] = red ? 0f : 0.5f;
            }
        }
        return Picture.of(w, h, p, null, 8);
    }

    private static boolean isRed(Picture p, int x, int y) {
        return Math.abs(p.get(0, x, y) - 1f) < TOL && p.get(1, x, y) < TOL && p.get(2, x, y) < TOL;
    }

    private static boolean isGray(Picture p, int x, int y) {
        return Math.abs(p.get(0, x, y) - 0.5f) < TOL && Math.abs(p.get(1, x, y) - 0.5f) < TOL;
    }

    private Path jpegWithOrientation(int orientation, boolean littleEndian) throws Exception {
        Path f = dir.resolve("o" + orientation + ".jpg");
        ImageFiles.write(cornerMarked(), f, WriteOptions.defaults().optJpegQuality(1f));
        Files.write(f, TestImages.insertAfterSoi(Files.readAllBytes(f), TestImages.jpegExifSegment(orientation, littleEndian)));
        return f;
    }

    @Test
    void storedOrientationIsKeptWithoutExif() throws Exception {
        Path f = dir.resolve("plain.jpg");
        ImageFiles.write(cornerMarked(), f);
        Picture p = ImageFiles.read(f);
        assertEquals(32, p.width());
        assertEquals(16, p.height());
        assertTrue(isRed(p, 4, 4));
        assertTrue(isGray(p, 28, 12));
    }

    @Test
    void orientation6IsRotatedClockwise() throws Exception {
        Picture p = ImageFiles.read(jpegWithOrientation(6, false));
        // 90 degrees clockwise: 16 wide, 32 high, the stored top-left block is now top-right
        assertEquals(16, p.width());
        assertEquals(32, p.height());
        assertTrue(isRed(p, 12, 4));
        assertTrue(isGray(p, 4, 4));
        assertTrue(isGray(p, 12, 28));
    }

    @Test
    void orientation3IsRotatedHalfATurn() throws Exception {
        Picture p = ImageFiles.read(jpegWithOrientation(3, true));
        assertEquals(32, p.width());
        assertEquals(16, p.height());
        assertTrue(isRed(p, 28, 12));
        assertTrue(isGray(p, 4, 4));
    }

    @Test
    void orientation8IsRotatedCounterClockwise() throws Exception {
        Picture p = ImageFiles.read(jpegWithOrientation(8, true));
        assertEquals(16, p.width());
        assertEquals(32, p.height());
        assertTrue(isRed(p, 4, 28)); // stored top-left ends bottom-left
        assertTrue(isGray(p, 12, 28));
    }

    @Test
    void allEightOrientationsMatchTheirDefinition() {
        // 3x2 stored [a b c / d e f]; the EXIF definitions, read off the TIFF spec's row/column tables
        float[] v = {0, 1, 2, 3, 4, 5};
        Picture p = Picture.of(3, 2, new float[][] {v}, null, 8);
        float[][] want = {
            null,
            {0, 1, 2, 3, 4, 5},
            {2, 1, 0, 5, 4, 3},
            {5, 4, 3, 2, 1, 0},
            {3, 4, 5, 0, 1, 2},
            {0, 3, 1, 4, 2, 5},
            {3, 0, 4, 1, 5, 2},
            {5, 2, 4, 1, 3, 0},
            {2, 5, 1, 4, 0, 3},
        };
        for (int o = 1; o <= 8; o++) {
            Picture r = ExifOrientation.apply(p, o);
            assertEquals(o >= 5 ? 2 : 3, r.width(), "orientation " + o);
            org.junit.jupiter.api.Assertions.assertArrayEquals(want[o], r.plane(0), 0f, "orientation " + o);
        }
    }

    @Test
    void progressiveAndGrayJpegsRead() throws Exception {
        Picture src = cornerMarked();
        Path f = dir.resolve("progressive.jpg");
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = w.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        try (ImageOutputStream out = new FileImageOutputStream(f.toFile())) {
            w.setOutput(out);
            w.write(null, new IIOImage(Rasters.toImage(src, 8, false), null, null), param);
        } finally {
            w.dispose();
        }
        Picture p = ImageFiles.read(f);
        assertTrue(isRed(p, 4, 4));
        assertTrue(isGray(p, 20, 10));

        Path g = dir.resolve("gray.jpg");
        float[] halves = new float[16 * 8];
        for (int i = 0; i < halves.length; i++) {
            halves[i] = i % 16 < 8 ? 0f : 1f;
        }
        ImageFiles.write(Picture.of(16, 8, new float[][] {halves}, null, 8), g);
        Picture gray = ImageFiles.read(g);
        assertTrue(gray.isGray());
        assertEquals(1f, gray.get(0, 12, 3), 0.02f);
        assertEquals(0f, gray.get(0, 3, 3), 0.02f);
    }

    @Test
    void jpegWriteHonoursQualityAndDropsAlpha() throws Exception {
        Picture noisy = TestImages.quantisedNoise(64, 64, 3, true, 8, 9);
        Path hi = dir.resolve("hi.jpg");
        Path lo = dir.resolve("lo.jpeg");
        ImageFiles.write(noisy, hi, WriteOptions.defaults().optJpegQuality(1f));
        ImageFiles.write(noisy, lo, WriteOptions.defaults().optJpegQuality(0.2f));
        assertTrue(Files.size(hi) > 2 * Files.size(lo), Files.size(hi) + " vs " + Files.size(lo));
        Picture back = ImageFiles.read(hi);
        assertFalse(back.hasAlpha());
        assertEquals(3, back.channels());
        assertTrue(meanAbsDiff(noisy.plane(0), back.plane(0)) < meanAbsDiff(noisy.plane(0), ImageFiles.read(lo).plane(0)));
    }

    @Test
    void cmykJpegGivesPlausibleColours() throws Exception {
        Picture p = ImageFiles.read(ResizeTest.resource("cmyk.jpg"));
        assertEquals(80, p.width());
        assertEquals(3, p.channels());
        float[][] rgb = new float[5][];
        for (int i = 0; i < 5; i++) {
            rgb[i] = new float[] {p.get(0, 16 * i + 8, 8), p.get(1, 16 * i + 8, 8), p.get(2, 16 * i + 8, 8)};
        }
        String all = Arrays.deepToString(rgb);
        assertTrue(rgb[0][0] > 0.9f && rgb[0][1] > 0.9f && rgb[0][2] > 0.9f, "white " + all);
        assertTrue(rgb[1][0] < 0.3f && rgb[1][1] > 0.5f && rgb[1][2] > 0.8f, "cyan " + all);
        assertTrue(rgb[2][0] > 0.7f && rgb[2][1] < 0.3f && rgb[2][2] > 0.3f, "magenta " + all);
        assertTrue(rgb[3][0] > 0.8f && rgb[3][1] > 0.8f && rgb[3][2] < 0.3f, "yellow " + all);
        assertTrue(rgb[4][0] < 0.3f && rgb[4][1] < 0.3f && rgb[4][2] < 0.3f, "black " + all);
    }

    @Test
    void truncatedJpegsAreErrors() throws Exception {
        Picture noisy = TestImages.quantisedNoise(64, 64, 3, false, 8, 3);
        Path f = dir.resolve("whole.jpg");
        ImageFiles.write(noisy, f);
        byte[] full = Files.readAllBytes(f);
        int i = 0;
        for (int keep : new int[] {full.length / 2, full.length - 100, full.length - 2, 300}) {
            Path cut = dir.resolve("cut" + i++ + ".jpg");
            Files.write(cut, Arrays.copyOf(full, keep));
            assertOneLineError(cut, "truncated");
        }
        Path notJpeg = dir.resolve("garbage.jpg");
        Files.write(notJpeg, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 2, 1, 2, 3});
        assertOneLineError(notJpeg, null);
    }

    private static double meanAbsDiff(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / a.length;
    }
}
