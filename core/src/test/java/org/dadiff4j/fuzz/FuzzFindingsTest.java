package org.dadiff4j.fuzz;

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
