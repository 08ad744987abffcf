package org.dadiff4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dadiff4j.api.Dadiff;
import org.dadiff4j.pipeline.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An input's EXIF reaches its output (JPEG APP1, PNG eXIf) with the orientation reset to 1. */
class ExifCarryTest {

    @TempDir Path dir;

    /** An 8x4 JPEG stored with orientation 6 (upright it is 4x8). */
    private Path rotatedJpeg(boolean littleEndian) throws Exception {
        Path f = dir.resolve("rotated" + littleEndian + ".jpg");
        ImageFiles.write(TestImages.quantisedNoise(8, 4, 3, false, 8, 1), f);
        Files.write(f, TestImages.insertAfterSoi(Files.readAllBytes(f), TestImages.jpegExifSegment(6, littleEndian)));
        return f;
    }

    @Test
    void theBlockRoundTripsThroughJpegAndPngWithOrientationOne() throws Exception {
        for (boolean le : new boolean[] {true, false}) {
            Path in = rotatedJpeg(le);
            byte[] upright = Exif.readUpright(in);
            assertArrayEquals(TestImages.tiffWithOrientation(1, le), upright);
            Picture p = ImageFiles.read(in);
            assertEquals(4, p.width());
            for (String ext : new String[] {"jpg", "png"}) {
                Path out = dir.resolve("out" + le + "." + ext);
                ImageFiles.write(p, out, WriteOptions.defaults().optExif(upright));
                assertArrayEquals(upright, Exif.readUpright(out), ext);
                Picture back = ImageFiles.read(out);
                assertEquals(4, back.width(), ext + ": not turned a second time");
                assertEquals(8, back.height(), ext);
            }
        }
    }

    @Test
    void noExifInNoneOut() throws Exception {
        Path in = dir.resolve("plain.png");
        ImageFiles.write(TestImages.quantisedNoise(4, 4, 3, false, 8, 2), in);
        assertNull(Exif.readUpright(in));
    }

    @Test
    void theFacadeKeepsTheExifOfItsInputFile() throws Exception {
        Path in = rotatedJpeg(true);
        Path out = dir.resolve("up.jpg");
        try (Dadiff d = Dadiff.builder().optMethod(Method.BICUBIC).build()) {
            d.upscale(in, out);
        }
        assertArrayEquals(TestImages.tiffWithOrientation(1, true), Exif.readUpright(out));
        Picture hr = ImageFiles.read(out);
        assertEquals(16, hr.width());
        assertEquals(32, hr.height());
    }
}
