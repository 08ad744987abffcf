package org.dadiff4j.image;

import java.awt.image.BufferedImage;

/** Conversions between {@link BufferedImage} and {@link Picture}, for callers that hold images in memory. */
public final class BufferedImages {

    private BufferedImages() {}

    /**
     * The picture of {@code image}: its stored values for RGB and gray images, with the ICC
     * profile of their colour space unless it is Java's sRGB or gray (other colour spaces are
     * converted to sRGB), alpha if present, 16-bit if any component has more than 8 bits.
     */
    public static Picture toPicture(BufferedImage image) {
        return Rasters.toPicture(image);
    }

    /** An image of {@code picture} at its own bit depth, in its ICC profile or gray or sRGB, with its alpha if any. */
    public static BufferedImage toImage(Picture picture) {
        return Rasters.toImage(picture, picture.bitDepth(), true);
    }
}
