package org.dadiff4j.image;

import java.nio.file.Path;
import org.dadiff4j.DadiffException;

/**
 * Size limits checked against the file header before any pixel is decoded, so that a hostile or
 * broken header cannot make the reader allocate gigabytes. 100 MP of RGB float planes is 1.2 GB.
 */
public final class ImageLimits {

    /** Largest accepted width or height, in pixels. */
    public static final int MAX_SIDE = 16384;
    /** Largest accepted width * height. */
    public static final long MAX_PIXELS = 100_000_000L;

    /**
     * Beyond {@link #FREE_PIXELS}, a file must hold at least one byte per this many pixels it
     * announces. Lossless files of flat pictures are dense: the corpora's 3,172 PNGs reach 214
     * pixels per byte above 4 MP (a chessboard) and 700 below. A decompression bomb (or a corrupt
     * header) announces far more than its bytes can hold, and the decoder would allocate the whole
     * raster before finding out.
     */
    public static final long MAX_PIXELS_PER_BYTE = 1024;
    /**
     * The same for JPEG, stricter: its decoder spends about 100 bytes per pixel (a CMYK or ICC
     * conversion holds float copies of the raster), and lossy files are never as dense. The 955
     * JPEGs of the corpora reach 49 pixels per byte (a smooth 24 MP painting, 0.02 bytes per pixel);
     * phone photos hold 0.05 to 0.3 bytes per pixel.
     */
    public static final long MAX_JPEG_PIXELS_PER_BYTE = 128;
    /** Pixels any file may announce, whatever its size. */
    public static final long FREE_PIXELS = 4_000_000L;

    private ImageLimits() {}

    /** Most pixels a {@code format} file of {@code fileBytes} may announce: the decoder's memory is in proportion. */
    public static long maxPixels(String format, long fileBytes) {
        long perByte = "jpeg".equalsIgnoreCase(format) ? MAX_JPEG_PIXELS_PER_BYTE : MAX_PIXELS_PER_BYTE;
        return Math.max(FREE_PIXELS, fileBytes * perByte); // no file is 9 exabytes
    }

    /**
     * {@link #check}, and that a {@code format} file of {@code fileBytes} can plausibly hold
     * {@code width x height} pixels ({@link #maxPixels}).
     */
    public static void check(Path file, String format, long width, long height, long fileBytes) {
        check(file, width, height);
        if (width * height > maxPixels(format, fileBytes)) {
            throw DadiffException.of(file, "announces " + width + "x" + height + " pixels in only " + fileBytes
                    + " bytes: a corrupt header or a decompression bomb");
        }
    }

    /** Throws a DadiffException naming {@code file} unless 0 < w, h <= MAX_SIDE and w*h <= MAX_PIXELS. */
    public static void check(Path file, long width, long height) {
        if (width <= 0 || height <= 0) {
            throw DadiffException.of(file, "image has zero size (" + width + "x" + height + ")");
        }
        if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
            throw DadiffException.of(file, "image is too large (" + width + "x" + height + "; limits: "
                    + MAX_SIDE + " px per side, " + MAX_PIXELS / 1_000_000 + " megapixels)");
        }
    }
}
