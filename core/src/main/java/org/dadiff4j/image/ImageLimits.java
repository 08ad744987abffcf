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
     * announces. Real photos hold about one byte per pixel and flat screenshots one per few hundred;
     * a decompression bomb (or a corrupt header) announces far more than its bytes can hold, and the
     * decoder would allocate the whole raster before finding out.
     */
    public static final long MAX_PIXELS_PER_BYTE = 1024;
    /** Pixels any file may announce, whatever its size. */
    public static final long FREE_PIXELS = 4_000_000L;

    private ImageLimits() {}

    /** {@link #check}, and that a file of {@code fileBytes} can plausibly hold {@code width x height} pixels. */
    public static void check(Path file, long width, long height, long fileBytes) {
        check(file, width, height);
        long pixels = width * height;
        if (pixels > FREE_PIXELS && pixels / MAX_PIXELS_PER_BYTE > fileBytes) {
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
