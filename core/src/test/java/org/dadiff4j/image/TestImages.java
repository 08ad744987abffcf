package org.dadiff4j.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;

/** Builders for pictures and hand-made file bytes (PNG chunks, JPEG EXIF segments). */
public final class TestImages {

    private TestImages() {}

    /** A picture whose samples are exact multiples of 1/max (so they survive quantisation). */
    public static Picture quantisedNoise(int w, int h, int channels, boolean alpha, int bits, long seed) {
        Random rnd = new Random(seed);
        int max = (1 << bits) - 1;
        float[][] planes = new float[channels][w * h];
        for (float[] p : planes) {
            for (int i = 0; i < p.length; i++) {
                p[i] = rnd.nextInt(max + 1) / (float) max;
            }
        }
        float[] a = null;
        if (alpha) {
            a = new float[w * h];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextInt(max + 1) / (float) max;
            }
        }
        return Picture.of(w, h, planes, a, bits);
    }

    /** length, type, data, CRC over type and data. */
    static byte[] pngChunk(String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(t).put(data)
                .putInt((int) crc.getValue()).array();
    }

    /** A PNG signature, an RGB 8-bit IHDR claiming w x h, and IEND: a header without pixels. */
    public static byte[] pngHeaderOnly(int w, int h) {
        byte[] ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        out.writeBytes(pngChunk("IHDR", ihdr));
        out.writeBytes(pngChunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** {@code chunk} placed right after IHDR (which always ends at byte 33). */
    static byte[] insertAfterIhdr(byte[] png, byte[] chunk) {
        return insert(png, 33, chunk);
    }

    /** A minimal TIFF structure whose IFD0 holds only the orientation tag (type SHORT). */
    static byte[] tiffWithOrientation(int orientation, boolean littleEndian) {
        ByteBuffer b = ByteBuffer.allocate(26).order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M');
        b.putShort((short) 42).putInt(8);
        b.putShort((short) 1); // one entry
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0); // no next IFD
        return b.array();
    }

    /** An APP1 "Exif" segment carrying the orientation. */
    static byte[] jpegExifSegment(int orientation, boolean littleEndian) {
        byte[] tiff = tiffWithOrientation(orientation, littleEndian);
        byte[] header = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(4 + header.length + tiff.length).putShort((short) 0xFFE1)
                .putShort((short) (2 + header.length + tiff.length)).put(header).put(tiff).array();
    }

    /** {@code segment} placed right after the JPEG SOI marker. */
    static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        return insert(jpeg, 2, segment);
    }

    static byte[] insert(byte[] data, int at, byte[] extra) {
        byte[] out = new byte[data.length + extra.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(data, at, out, at + extra.length, data.length - at);
        return out;
    }
}
