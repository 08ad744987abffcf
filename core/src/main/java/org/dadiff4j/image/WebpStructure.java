package org.dadiff4j.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dadiff4j.DadiffException;

/**
 * Checks that a WebP file's RIFF container is whole before it is decoded: the RIFF size and every
 * chunk's size must fit in the file. The lossless decoder loops forever on a chunk cut short
 * (found by the fuzzing campaign, docs/reliability.md), so a truncated file never reaches it.
 */
final class WebpStructure {

    private WebpStructure() {}

    static void requireComplete(Path file) {
        long size;
        byte[] head = new byte[12];
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            if (in.readNBytes(head, 0, 12) < 12) {
                throw DadiffException.of(file, "truncated webp file (no RIFF header)");
            }
            ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
            long riff = Integer.toUnsignedLong(h.getInt(4));
            if (riff < 4 || 8 + riff > size) {
                throw DadiffException.of(file, "truncated or corrupt webp file (the RIFF header announces " + riff
                        + " bytes, the file holds " + (size - 8) + ")");
            }
            long end = 8 + riff;
            long pos = 12;
            byte[] chunk = new byte[8];
            while (pos + 8 <= end) {
                if (in.readNBytes(chunk, 0, 8) < 8) {
                    break;
                }
                long len = Integer.toUnsignedLong(ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).getInt(4));
                long next = pos + 8 + len + (len & 1);
                if (pos + 8 + len > end) {
                    throw DadiffException.of(file, "truncated or corrupt webp file (a chunk of " + len
                            + " bytes does not fit)");
                }
                in.skipNBytes(next - pos - 8 > end - pos - 8 ? end - pos - 8 : next - pos - 8);
                pos = next;
            }
        } catch (java.io.EOFException e) {
            throw DadiffException.of(file, "truncated webp file", e);
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot read: " + org.dadiff4j.Problems.describe(e), e);
        }
    }
}
