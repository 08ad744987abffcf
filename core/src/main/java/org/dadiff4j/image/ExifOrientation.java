package org.dadiff4j.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The EXIF orientation tag (0x0112, values 1..8) of JPEG (APP1 "Exif"), PNG (eXIf chunk) and WebP
 * (EXIF chunk) files, and its application so that pictures come out upright. Only the container
 * structure is walked: pixel data is skipped, not read. A missing or malformed tag means 1 (as
 * stored), because a photo should still open when its metadata is damaged.
 */
final class ExifOrientation {

    private static final int TAG_ORIENTATION = 0x0112;
    private static final int MAX_EXIF_BYTES = 1 << 20;
    private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

    private ExifOrientation() {}

    /** The orientation stored in {@code file} of the given ImageIO format name, 1 if none. */
    static int read(Path file, String format) {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            byte[] tiff;
            switch (format.toLowerCase()) {
                case "jpeg": tiff = jpegExif(ch); break;
                case "png": tiff = pngExif(ch); break;
                case "webp": tiff = webpExif(ch); break;
                default: tiff = null;
            }
            return tiff == null ? 1 : orientation(tiff);
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    /**
     * The EXIF block (a TIFF structure, without the "Exif" header) of {@code file}, with its
     * orientation set to 1 because the decoded picture is already upright; null if none.
     */
    static byte[] uprightExif(Path file, String format) {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            byte[] tiff;
            switch (format.toLowerCase()) {
                case "jpeg": tiff = jpegExif(ch); break;
                case "png": tiff = pngExif(ch); break;
                case "webp": tiff = webpExif(ch); break;
                default: tiff = null;
            }
            if (tiff == null || tiff.length < 8) {
                return null;
            }
            tiff = tiff.clone();
            resetOrientation(tiff);
            return tiff;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Sets the first IFD's orientation entry, if any, to 1 (top-left). */
    private static void resetOrientation(byte[] tiff) {
        ByteBuffer b = ByteBuffer.wrap(tiff);
        if (tiff[0] == 'I' && tiff[1] == 'I') {
            b.order(ByteOrder.LITTLE_ENDIAN);
        }
        int ifd = b.getInt(4);
        int count = Short.toUnsignedInt(b.getShort(ifd));
        for (int i = 0; i < count; i++) {
            int entry = ifd + 2 + 12 * i;
            if (Short.toUnsignedInt(b.getShort(entry)) == TAG_ORIENTATION) {
                if (Short.toUnsignedInt(b.getShort(entry + 2)) == 3) {
                    b.putShort(entry + 8, (short) 1);
                } else {
                    b.putInt(entry + 8, 1);
                }
            }
        }
    }

    /** Turns a picture stored with orientation {@code o} upright. */
    static Picture apply(Picture p, int o) {
        if (o < 2 || o > 8) {
            return p;
        }
        float[][] planes = new float[p.channels()][];
        for (int c = 0; c < planes.length; c++) {
            planes[c] = reorient(p.planeRef(c), p.width(), p.height(), o);
        }
        float[] alpha = p.hasAlpha() ? reorient(p.alphaRef(), p.width(), p.height(), o) : null;
        boolean swap = o >= 5;
        return Picture.wrap(swap ? p.height() : p.width(), swap ? p.width() : p.height(), planes, alpha, p.bitDepth(), p.iccRef());
    }

    private static float[] reorient(float[] src, int w, int h, int o) {
        int ow = o >= 5 ? h : w;
        int oh = o >= 5 ? w : h;
        float[] out = new float[src.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (o) {
                    case 2: sx = w - 1 - x; sy = y; break;
                    case 3: sx = w - 1 - x; sy = h - 1 - y; break;
                    case 4: sx = x; sy = h - 1 - y; break;
                    case 5: sx = y; sy = x; break;
                    case 6: sx = y; sy = h - 1 - x; break;
                    case 7: sx = w - 1 - y; sy = h - 1 - x; break;
                    default: sx = w - 1 - y; sy = x; break; // 8
                }
                out[y * ow + x] = src[sy * w + sx];
            }
        }
        return out;
    }

    private static byte[] jpegExif(SeekableByteChannel ch) throws IOException {
        if (readU16(ch, ByteOrder.BIG_ENDIAN) != 0xFFD8) {
            return null;
        }
        while (true) {
            int marker = readU16(ch, ByteOrder.BIG_ENDIAN);
            if ((marker & 0xFF00) != 0xFF00 || marker == 0xFFDA || marker == 0xFFD9) {
                return null; // start of scan, end of image or garbage: no EXIF before the pixels
            }
            int len = readU16(ch, ByteOrder.BIG_ENDIAN) - 2;
            if (len < 0) {
                return null;
            }
            if (marker == 0xFFE1 && len > EXIF_HEADER.length) {
                byte[] seg = readBytes(ch, len);
                if (startsWith(seg, EXIF_HEADER)) {
                    return Arrays.copyOfRange(seg, EXIF_HEADER.length, seg.length);
                }
            } else {
                ch.position(ch.position() + len);
            }
        }
    }

    private static byte[] pngExif(SeekableByteChannel ch) throws IOException {
        ch.position(8);
        while (ch.position() + 8 <= ch.size()) {
            long len = readU32(ch, ByteOrder.BIG_ENDIAN);
            String type = new String(readBytes(ch, 4), StandardCharsets.ISO_8859_1);
            if (type.equals("eXIf")) {
                return stripExifHeader(readBytes(ch, len));
            }
            if (type.equals("IEND")) {
                return null;
            }
            ch.position(ch.position() + len + 4); // data and CRC
        }
        return null;
    }

    private static byte[] webpExif(SeekableByteChannel ch) throws IOException {
        ch.position(12); // "RIFF" size "WEBP"
        while (ch.position() + 8 <= ch.size()) {
            String type = new String(readBytes(ch, 4), StandardCharsets.ISO_8859_1);
            long len = readU32(ch, ByteOrder.LITTLE_ENDIAN);
            if (type.equals("EXIF")) {
                return stripExifHeader(readBytes(ch, len));
            }
            ch.position(ch.position() + len + (len & 1));
        }
        return null;
    }

    /** The orientation in a TIFF structure's first IFD; 1 if absent or out of range. */
    static int orientation(byte[] tiff) {
        ByteBuffer b = ByteBuffer.wrap(tiff);
        if (tiff[0] == 'I' && tiff[1] == 'I') {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (tiff[0] != 'M' || tiff[1] != 'M') {
            return 1;
        }
        if (Short.toUnsignedInt(b.getShort(2)) != 42) {
            return 1;
        }
        int ifd = b.getInt(4);
        int count = Short.toUnsignedInt(b.getShort(ifd));
        for (int i = 0; i < count; i++) {
            int entry = ifd + 2 + 12 * i;
            if (Short.toUnsignedInt(b.getShort(entry)) == TAG_ORIENTATION) {
                int type = Short.toUnsignedInt(b.getShort(entry + 2));
                int value = type == 3 ? Short.toUnsignedInt(b.getShort(entry + 8)) : b.getInt(entry + 8);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static byte[] stripExifHeader(byte[] data) {
        return startsWith(data, EXIF_HEADER)
                ? Arrays.copyOfRange(data, EXIF_HEADER.length, data.length)
                : data;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int readU16(SeekableByteChannel ch, ByteOrder order) throws IOException {
        return Short.toUnsignedInt(ByteBuffer.wrap(readBytes(ch, 2)).order(order).getShort());
    }

    private static long readU32(SeekableByteChannel ch, ByteOrder order) throws IOException {
        return Integer.toUnsignedLong(ByteBuffer.wrap(readBytes(ch, 4)).order(order).getInt());
    }

    private static byte[] readBytes(SeekableByteChannel ch, long n) throws IOException {
        if (n < 0 || n > MAX_EXIF_BYTES) {
            throw new IOException("metadata block of " + n + " bytes");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) n);
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new IOException("end of file");
            }
        }
        return buf.array();
    }
}
