package org.dadiff4j.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dadiff4j.DadiffException;
import org.dadiff4j.image.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases the fuzzing campaign found (docs/reliability.md), replayed from their seed and mutation:
 * each must stay a one-line user error in the user's words.
 */
class FuzzFindingsTest {

    @TempDir Path dir;

    @Test
    void aBmpWhoseBitCountDisagreesWithItsPaletteIsAPlainError() throws IOException {
        // bmp seed 2 (RLE8), mutation 9999100: bit count 8 -> 1 and file size 2^31; the decoder's
        // IllegalArgumentException carried a dump of java.awt objects into the message
        byte[] input = Mutator.mutate(ImageDecodingFuzzTest.seeds("bmp").get(2), 9999100L, null);
        Path f = Files.write(dir.resolve("case.bmp"), input);
        DadiffException e = assertThrows(DadiffException.class, () -> ImageFiles.read(f));
        assertTrue(e.getMessage().startsWith(f + ": corrupt, truncated or unsupported image"), e.getMessage());
        assertTrue(!e.getMessage().contains("java.") && !e.getMessage().contains("@"), e.getMessage());
    }

    @Test
    void webpsCutShortDoNotHang() throws Exception {
        // webp seed 0: the lossless decoder took the end of the file for bits and looped
        for (long mutation : new long[] {7862899243666882694L, -87099L, -240885L}) {
            decodesOrFailsInTime(Mutator.mutate(ImageDecodingFuzzTest.seeds("webp").get(0), mutation, null));
        }
    }

    @Test
    void aJpegWithAShortenedSegmentDoesNotHang() throws Exception {
        // jpeg seed 1 (CMYK), mutation -123: a segment length 16 -> 8
        decodesOrFailsInTime(Mutator.mutate(ImageDecodingFuzzTest.seeds("jpeg").get(1), -123L, null), "case.jpg");
    }

    @Test
    void aSmallJpegAnnouncingTenMegapixelsIsRefusedBeforeDecoding() throws IOException {
        // the JPEG campaign stopped at case 76,101 on a 10 kB file (seed 0, Adobe RGB, grown by
        // repeated blocks) whose frame header announced about 10 MP: one byte per 1024 pixels allowed
        // it, and decoding with the ICC conversion allocated 1.07 GB. Rebuilt here: the same seed
        // announcing 3200x3200, padded to 10,208 bytes by a comment segment
        byte[] seed = ImageDecodingFuzzTest.seeds("jpeg").get(0);
        int sof = 740; // the seed's SOF0 segment; its height and width are at +5 and +7
        assertEquals(0xC0, seed[sof + 1] & 0xff);
        byte[] d = seed.clone();
        d[sof + 5] = 3200 >> 8;
        d[sof + 6] = (byte) 3200;
        d[sof + 7] = 3200 >> 8;
        d[sof + 8] = (byte) 3200;
        int pad = 9300;
        byte[] input = new byte[d.length + 4 + pad];
        System.arraycopy(d, 0, input, 0, 2);
        input[2] = (byte) 0xFF;
        input[3] = (byte) 0xFE;
        input[4] = (byte) ((pad + 2) >> 8);
        input[5] = (byte) (pad + 2);
        System.arraycopy(d, 2, input, 6 + pad, d.length - 2);
        Path f = Files.write(dir.resolve("case.jpg"), input);
        DadiffException e = assertThrows(DadiffException.class, () -> ImageFiles.read(f));
        assertTrue(e.getMessage().contains("3200x3200 pixels in only 10208 bytes"), e.getMessage());
        assertNull(FuzzHarness.check("findings", "case.jpg", input, 16L << 20, ImageFiles::read));
    }

    private void decodesOrFailsInTime(byte[] input) throws Exception {
        decodesOrFailsInTime(input, "case.webp");
    }

    private void decodesOrFailsInTime(byte[] input, String name) throws Exception {
        Path f = Files.write(dir.resolve(name), input);
        Thread t = new Thread(() -> {
            try {
                ImageFiles.read(f);
            } catch (DadiffException expected) {
                // fine
            }
        });
        t.setDaemon(true);
        t.start();
        t.join(10_000);
        if (t.isAlive()) {
            StringBuilder sb = new StringBuilder();
            for (StackTraceElement e : t.getStackTrace()) {
                sb.append("\n  at ").append(e);
            }
            throw new AssertionError("still decoding after 10 s:" + sb);
        }
    }
}
