package org.dadiff4j.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Carries an input's EXIF to its output: read with the orientation reset to 1 (the decoded
 * picture is upright), then embedded as a JPEG APP1 segment or a PNG eXIf chunk. ICC profiles
 * travel in the {@link Picture} instead ({@link Picture#iccProfile}).
 */
public final class Exif {

    private static final byte[] HEADER = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

    private Exif() {}

    /** The EXIF block of a JPEG, PNG or WebP file with orientation 1, or null where it has none. */
    public static byte[] readUpright(Path file) {
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(4);
        } catch (IOException e) {
            return null;
        }
        if (magic.length < 4) {
            return null;
        }
        String format = (magic[0] & 0xff) == 0xff && (magic[1] & 0xff) == 0xd8 ? "jpeg"
                : (magic[0] & 0xff) == 0x89 && magic[1] == 'P' ? "png"
                : magic[0] == 'R' && magic[1] == 'I' ? "webp" : null;
        return format == null ? null : ExifOrientation.uprightExif(file, format);
    }

    /** {@code encoded} with {@code tiff} inserted; unchanged where it does not fit the format. */
    static byte[] insert(byte[] encoded, WriteOptions.Format format, byte[] tiff) {
        if (format == WriteOptions.Format.JPEG) {
            int length = 2 + HEADER.length + tiff.length;
            if (length > 0xffff || encoded.length < 4) {
                return encoded;
            }
            // after SOI and a JFIF APP0 segment, if there is one
            int at = 2;
            if ((encoded[2] & 0xff) == 0xff && (encoded[3] & 0xff) == 0xe0) {
                at = 4 + ((encoded[4] & 0xff) << 8 | (encoded[5] & 0xff));
            }
            byte[] segment = new byte[2 + length];
            segment[0] = (byte) 0xff;
            segment[1] = (byte) 0xe1;
            segment[2] = (byte) (length >> 8);
            segment[3] = (byte) length;
            System.arraycopy(HEADER, 0, segment, 4, HEADER.length);
            System.arraycopy(tiff, 0, segment, 4 + HEADER.length, tiff.length);
            return splice(encoded, at, segment);
        }
        if (format == WriteOptions.Format.PNG) {
            return splice(encoded, 33, pngChunk("eXIf", tiff)); // signature (8) + IHDR chunk (25)
        }
        return encoded;
    }

    /** A PNG chunk: length, type, data and CRC. */
    static byte[] pngChunk(String type, byte[] data) {
        int n = data.length;
        byte[] chunk = new byte[12 + n];
        chunk[0] = (byte) (n >>> 24);
        chunk[1] = (byte) (n >>> 16);
        chunk[2] = (byte) (n >>> 8);
        chunk[3] = (byte) n;
        System.arraycopy(type.getBytes(StandardCharsets.ISO_8859_1), 0, chunk, 4, 4);
        System.arraycopy(data, 0, chunk, 8, n);
        CRC32 crc = new CRC32();
        crc.update(chunk, 4, 4 + n);
        long c = crc.getValue();
        for (int i = 0; i < 4; i++) {
            chunk[8 + n + i] = (byte) (c >>> (24 - 8 * i));
        }
        return chunk;
    }

    static byte[] splice(byte[] data, int at, byte[] extra) {
        byte[] out = new byte[data.length + extra.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(data, at, out, at + extra.length, data.length - at);
        return out;
    }
}
