package org.dadiff4j.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.dadiff4j.DadiffException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesPngTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryKindBitExactly() throws Exception {
        int[][] kinds = {{1, 0, 0}, {1, 1, 4}, {3, 0, 2}, {3, 1, 6}}; // channels, alpha, PNG colour type
        for (int bits : new int[] {8, 16}) {
            for (int[] k : kinds) {
                Picture p = TestImages.quantisedNoise(7, 5, k[0], k[1] == 1, bits, 31L * bits + k[2]);
                Path f = dir.resolve("rt-" + bits + "-" + k[2] + ".png");
                ImageFiles.write(p, f);
                byte[] bytes = Files.readAllBytes(f);
                assertEquals(bits, bytes[24], "IHDR bit depth");
                assertEquals(k[2], bytes[25], "IHDR colour type");
                Picture back = ImageFiles.read(f);
                assertEquals(p, back, p + " did not survive " + f.getFileName());
            }
        }
    }

    @Test
    void eightBitPictureCanBeWrittenAsSixteenBit() {
        Picture p = TestImages.quantisedNoise(4, 3, 3, true, 8, 5);
        Path f = dir.resolve("up.png");
        ImageFiles.write(p, f, WriteOptions.defaults().optBitDepth(16));
        Picture back = ImageFiles.read(f);
        assertEquals(16, back.bitDepth());
        // k/255 -> round(k*65535/255) = 257k -> 257k/65535f, the same float as k/255f
        assertTrue(Arrays.equals(p.plane(1), back.plane(1)));
        assertTrue(Arrays.equals(p.alpha(), back.alpha()));
    }

    @Test
    void quantisationRoundsAndClamps() {
        float[] v = {-0.2f, 1.5f, 0.1f, 127.5f / 255f, 0.3f, Float.NaN};
        Picture p = Picture.of(6, 1, new float[][] {v}, null, 8);
        Path f = dir.resolve("q.png");
        ImageFiles.write(p, f);
        float[] back = ImageFiles.read(f).plane(0);
        assertEquals(0f, back[0]);
        assertEquals(1f, back[1]);
        assertEquals(26 / 255f, back[2]); // 25.5 -> 26
        assertEquals(128 / 255f, back[3]); // half rounds up
        assertEquals(77 / 255f, back[4]); // 0.3 * 255 = 76.5 -> 77
        assertEquals(0f, back[5]);
    }

    @Test
    void paletteWithTransparencyReadsItsColours() throws Exception {
        byte[] r = {(byte) 255, 0, 0, (byte) 200};
        byte[] g = {0, (byte) 255, 0, 100};
        byte[] b = {0, 0, (byte) 255, 50};
        byte[] a = {(byte) 255, (byte) 128, 0, (byte) 255};
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(2, 4, r, g, b, a));
        img.getRaster().setSamples(0, 0, 2, 2, 0, new int[] {0, 1, 2, 3});
        Path f = dir.resolve("palette.png");
        ImageIO.write(img, "png", f.toFile());
        assertEquals(3, Files.readAllBytes(f)[25], "fixture must be a palette PNG");

        Picture p = ImageFiles.read(f);
        assertEquals(3, p.channels());
        assertEquals(8, p.bitDepth());
        assertArrayEquals(new float[] {1f, 0f, 0f, 200 / 255f}, p.plane(0));
        assertArrayEquals(new float[] {0f, 1f, 0f, 100 / 255f}, p.plane(1));
        assertArrayEquals(new float[] {0f, 0f, 1f, 50 / 255f}, p.plane(2));
        assertArrayEquals(new float[] {1f, 128 / 255f, 0f, 1f}, p.alpha());
    }

    @Test
    void grayPaletteReadsAsGray() throws Exception {
        byte[] levels = {0, (byte) 85, (byte) 170, (byte) 255};
        BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_BINARY,
                new IndexColorModel(2, 4, levels, levels, levels));
        img.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {3, 2, 1, 0});
        Path f = dir.resolve("gray2bit.png");
        ImageIO.write(img, "png", f.toFile());
        Picture p = ImageFiles.read(f);
        assertTrue(p.isGray());
        assertNull(p.alpha());
        assertArrayEquals(new float[] {1f, 170 / 255f, 85 / 255f, 0f}, p.plane(0));
    }

    @Test
    void exifOrientationInPngIsApplied() throws Exception {
        // 3x2 gray, stored rows [0 1 2] [3 4 5]; orientation 6 (rotate 90 clockwise) gives 2x3
        // rows [3 0] [4 1] [5 2]
        float[] v = new float[6];
        for (int i = 0; i < 6; i++) {
            v[i] = i / 255f;
        }
        Path f = dir.resolve("exif.png");
        ImageFiles.write(Picture.of(3, 2, new float[][] {v}, null, 8), f);
        byte[] png = TestImages.insertAfterIhdr(Files.readAllBytes(f),
                TestImages.pngChunk("eXIf", TestImages.tiffWithOrientation(6, false)));
        Files.write(f, png);
        Picture p = ImageFiles.read(f);
        assertEquals(2, p.width());
        assertEquals(3, p.height());
        float[] want = {3, 0, 4, 1, 5, 2};
        for (int i = 0; i < 6; i++) {
            assertEquals(want[i] / 255f, p.plane(0)[i]);
        }
    }

    @Test
    void truncatedPngIsAnError() throws Exception {
        Path f = dir.resolve("cut.png");
        ImageFiles.write(TestImages.quantisedNoise(64, 64, 3, false, 8, 3), f);
        byte[] full = Files.readAllBytes(f);
        for (int keep : new int[] {full.length * 6 / 10, full.length - 20, 40}) {
            Files.write(f, Arrays.copyOf(full, keep));
            assertOneLineError(f, null);
        }
    }

    @Test
    void absurdHeaderIsRejectedBeforeDecoding() throws Exception {
        Path f = dir.resolve("huge.png");
        Files.write(f, TestImages.pngHeaderOnly(20000, 20000));
        assertOneLineError(f, "too large");
        // within the side limit, but 256 MP
        Files.write(f, TestImages.pngHeaderOnly(16000, 16000));
        assertOneLineError(f, "too large");
    }

    @Test
    void zeroSizeIsAnError() throws Exception {
        Path f = dir.resolve("empty.png");
        Files.write(f, TestImages.pngHeaderOnly(0, 5));
        assertOneLineError(f, null);
    }

    @Test
    void missingUnknownAndEmptyFilesAreErrors() throws Exception {
        assertOneLineError(dir.resolve("nope.png"), "no such file");
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "this is not an image\nreally\n");
        assertOneLineError(text, "unknown or unsupported image format");
        Path empty = dir.resolve("zero.png");
        Files.write(empty, new byte[0]);
        assertOneLineError(empty, "unknown or unsupported image format");
        assertOneLineError(dir, "is a folder, not an image");
    }

    static void assertOneLineError(Path f, String contains) {
        DadiffException e = assertThrows(DadiffException.class, () -> ImageFiles.read(f));
        String m = e.getMessage();
        assertTrue(m.startsWith(f.toString() + ": "), m);
        assertFalse(m.contains("\n") || m.contains("\r"), m);
        if (contains != null) {
            assertTrue(m.contains(contains), m);
        }
    }

    private static void assertArrayEquals(float[] want, float[] got) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(want, got, 0f);
    }
}
