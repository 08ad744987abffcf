package org.dadiff4j.image;

import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.dadiff4j.AtomicFile;
import org.dadiff4j.DadiffException;

/**
 * Reading and writing image files. Reads PNG (1..16-bit, gray, gray+alpha, RGB, RGBA, palette
 * with tRNS), JPEG (baseline, progressive, gray, CMYK/YCCK converted to sRGB), TIFF, BMP and WebP,
 * applying the EXIF orientation of JPEG, PNG and WebP files. The ICC profile of an RGB or gray PNG,
 * JPEG or TIFF is kept with the stored values ({@link Picture#iccProfile}) and written into PNG,
 * JPEG and TIFF outputs. Writes PNG, JPEG and TIFF atomically. Every failure is a
 * {@link DadiffException} with a one-line "file: problem".
 */
public final class ImageFiles {

    private ImageFiles() {}

    /** Decodes {@code file}, upright, with samples v/255f (8-bit) or v/65535f (16-bit). */
    public static Picture read(Path file) {
        return ImageDecoder.read(file);
    }

    /**
     * The width and height {@code file}'s header announces (before the EXIF orientation), without
     * decoding pixels, so that a size can be refused before memory is spent on it.
     */
    public static int[] size(Path file) {
        return ImageDecoder.size(file);
    }

    /** {@link #write(Picture, Path, WriteOptions)} with {@link WriteOptions#defaults()}. */
    public static void write(Picture picture, Path file) {
        write(picture, file, WriteOptions.defaults());
    }

    /**
     * Encodes {@code picture} into {@code file} (replacing it atomically). Samples are
     * round(v*max) clamped to [0,max]. PNG depth is the option's or else the picture's bit depth.
     */
    public static void write(Picture picture, Path file, WriteOptions options) {
        AtomicFile.write(file, body(picture, file, options));
    }

    /** What {@link #write} writes into {@code file}, for a caller that stages the file itself. */
    public static AtomicFile.Body body(Picture picture, Path file, WriteOptions options) {
        WriteOptions.Format format = options.format() != null ? options.format() : formatOf(file);
        int bits = options.bitDepth() != 0 ? options.bitDepth() : picture.bitDepth();
        boolean pngProfile = format == WriteOptions.Format.PNG && picture.iccRef() != null;
        if (options.exif() != null && format != WriteOptions.Format.TIFF || pngProfile) {
            java.io.ByteArrayOutputStream encoded = new java.io.ByteArrayOutputStream();
            try (ImageOutputStream image = new MemoryCacheImageOutputStream(encoded)) {
                ImageEncoder.encode(picture, format, bits, options.jpegQuality(), image);
            } catch (java.io.IOException | RuntimeException e) {
                throw DadiffException.of(file, "cannot encode: " + org.dadiff4j.Problems.describe(e), e);
            }
            byte[] bytes = encoded.toByteArray();
            bytes = options.exif() == null ? bytes : Exif.insert(bytes, format, options.exif());
            bytes = pngProfile ? IccProfiles.insertPng(bytes, picture.iccRef()) : bytes; // JPEG and TIFF writers embed it
            byte[] whole = bytes;
            return out -> out.write(whole);
        }
        return out -> {
            try (ImageOutputStream image = new MemoryCacheImageOutputStream(out)) {
                ImageEncoder.encode(picture, format, bits, options.jpegQuality(), image);
            }
        };
    }

    /**
     * What writing {@code picture} to {@code file} loses, as one-line notes (empty when nothing):
     * JPEG has no alpha channel and only 8 bits per sample.
     */
    public static java.util.List<String> losses(Picture picture, Path file, WriteOptions options) {
        WriteOptions.Format format = options.format() != null ? options.format() : formatOf(file);
        java.util.List<String> out = new java.util.ArrayList<>();
        if (format == WriteOptions.Format.JPEG && picture.hasAlpha()) {
            out.add(file + ": JPEG has no alpha channel; the transparency was dropped (use --format png to keep it)");
        }
        if (format == WriteOptions.Format.JPEG && picture.bitDepth() > 8) {
            out.add(file + ": JPEG holds 8 bits per sample; the 16-bit input was written with 8 (use --format png)");
        }
        return out;
    }

    /** The format for a file name's extension. */
    static WriteOptions.Format formatOf(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return WriteOptions.Format.PNG;
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return WriteOptions.Format.JPEG;
        }
        if (name.endsWith(".tif") || name.endsWith(".tiff")) {
            return WriteOptions.Format.TIFF;
        }
        throw DadiffException.of(file, "cannot tell the output format from the extension (use .png, .jpg, .jpeg, .tif or .tiff)");
    }
}
