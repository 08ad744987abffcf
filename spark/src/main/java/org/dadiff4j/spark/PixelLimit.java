package org.dadiff4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The job's limit on the pixels of one input, checked on the file's header before anything is
 * decoded, so that one huge photo cannot exhaust an executor's memory and take its other tasks down.
 */
final class PixelLimit {

    private PixelLimit() {}

    /**
     * @param name the input, for the message
     * @return null where the image is within the limit (or its header cannot be read: the decoder
     *         then reports the problem), else the reason to fail its row
     */
    static String check(Path file, String name, long maxPixels) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w * h > maxPixels) {
                    return String.format(java.util.Locale.ROOT, "%s: %dx%d is %d pixels, over the limit of %d (--max-pixels); not decoded",
                            name, w, h, w * h, maxPixels);
                }
                return null;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
