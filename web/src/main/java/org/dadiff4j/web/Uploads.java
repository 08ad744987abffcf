package org.dadiff4j.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;
import org.dadiff4j.image.ImageFiles;

/**
 * Checks an uploaded file: its size from the header first (so a pixel bomb is never decoded), then
 * a full decode by the library's reader, with every protection the command line has.
 */
final class Uploads {

    private Uploads() {}

    /** Width and height of a checked upload. */
    record Size(int width, int height) {}

    static Size check(Path file, long maxPixels) {
        Size size = header(file);
        long pixels = (long) size.width * size.height;
        if (pixels > maxPixels) {
            throw new ApiException(422, "the image is " + size.width + "x" + size.height + " (" + pixels
                    + " pixels); this server accepts at most " + maxPixels + " pixels: make it smaller first");
        }
        try {
            ImageFiles.read(file); // the library's decode: truncation, animations, decoder hangs and bombs refused
        } catch (DadiffException e) {
            String m = e.getMessage();
            String prefix = file + ": ";
            throw new ApiException(422, "the image cannot be decoded ("
                    + (m.startsWith(prefix) ? m.substring(prefix.length()) : m) + ")");
        }
        return size;
    }

    private static Size header(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ApiException(422, "not an image this server reads: send PNG, JPEG, TIFF, BMP or WebP");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new Size(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException) {
                throw (ApiException) e;
            }
            throw new ApiException(422, "the image header cannot be read (" + reason(e) + ")");
        }
    }

    private static String reason(Exception e) {
        return Problems.describe(e); // "unexpected end of file", not "EOFException" (found by UploadFuzzTest)
    }
}
