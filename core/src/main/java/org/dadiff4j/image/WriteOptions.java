package org.dadiff4j.image;

/**
 * How {@link ImageFiles#write} encodes a picture. The format comes from the file extension unless
 * set. PNG keeps gray as gray and alpha as alpha; JPEG has no alpha channel, so alpha is dropped
 * (not composited) and the colour values are written as they are.
 */
public final class WriteOptions {

    /** Output container. */
    public enum Format { PNG, JPEG, TIFF }

    private static final WriteOptions DEFAULTS = new WriteOptions(null, 0, 0.95f, null);

    private final Format format;
    private final int bitDepth;
    private final float jpegQuality;
    private final byte[] exif;

    private WriteOptions(Format format, int bitDepth, float jpegQuality, byte[] exif) {
        this.exif = exif;
        this.format = format;
        this.bitDepth = bitDepth;
        this.jpegQuality = jpegQuality;
    }

    /** Format from the extension, the picture's bit depth, JPEG quality 0.95. */
    public static WriteOptions defaults() {
        return DEFAULTS;
    }

    /** Forces the format regardless of the extension. */
    public WriteOptions optFormat(Format f) {
        return new WriteOptions(f, bitDepth, jpegQuality, exif);
    }

    /** PNG sample depth, 8 or 16 (JPEG is always 8). */
    public WriteOptions optBitDepth(int bits) {
        if (bits != 8 && bits != 16) {
            throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bits);
        }
        return new WriteOptions(format, bits, jpegQuality, exif);
    }

    /** JPEG quality in (0,1]. */
    public WriteOptions optJpegQuality(float q) {
        if (!(q > 0f && q <= 1f)) {
            throw new IllegalArgumentException("JPEG quality must be in (0,1], got " + q);
        }
        return new WriteOptions(format, bitDepth, q, exif);
    }

    /** The forced format, or null to use the extension. */
    public Format format() {
        return format;
    }

    /** 8, 16, or 0 for the picture's own bit depth. */
    public int bitDepth() {
        return bitDepth;
    }

    public float jpegQuality() {
        return jpegQuality;
    }

    /**
     * An EXIF block (a TIFF structure, as {@link Exif#readUpright} gives) to embed in JPEG (APP1)
     * and PNG (eXIf) outputs; null for none. TIFF outputs carry none.
     */
    public WriteOptions optExif(byte[] tiff) {
        return new WriteOptions(format, bitDepth, jpegQuality, tiff == null ? null : tiff.clone());
    }

    /** The EXIF block to embed, or null. */
    byte[] exif() {
        return exif;
    }
}
