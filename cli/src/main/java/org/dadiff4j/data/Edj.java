package org.dadiff4j.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.dadiff4j.DadiffException;

/**
 * Photos inside Enlightenment's Eet archives ({@code .edj}). Rather than parse Eet, scan the bytes
 * for JPEG start markers {@code FF D8 FF}, read each hit's size from its header, and decode the
 * largest that decodes (Mountain.edj holds 13 JPEGs; the photo is the 3840x2160 one).
 */
final class Edj {

    private Edj() {}

    static BufferedImage largestImage(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot read: " + e.getMessage(), e);
        }
        List<long[]> hits = new ArrayList<>(); // {offset, pixels}
        for (int i = 0; i + 2 < bytes.length; i++) {
            if (bytes[i] == (byte) 0xFF && bytes[i + 1] == (byte) 0xD8 && bytes[i + 2] == (byte) 0xFF) {
                long pixels = headerPixels(bytes, i);
                if (pixels > 0) {
                    hits.add(new long[] {i, pixels});
                }
            }
        }
        hits.sort(Comparator.comparingLong((long[] h) -> h[1]).reversed());
        for (long[] h : hits) {
            BufferedImage img = decode(bytes, (int) h[0]);
            if (img != null) {
                return img;
            }
        }
        throw DadiffException.of(file, "no decodable JPEG inside (scanned for FF D8 FF)");
    }

    private static long headerPixels(byte[] bytes, int offset) {
        ImageReader reader = jpegReader();
        try (ImageInputStream in = stream(bytes, offset)) {
            reader.setInput(in);
            return (long) reader.getWidth(0) * reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            return -1; // a false start marker inside other data
        } finally {
            reader.dispose();
        }
    }

    private static BufferedImage decode(byte[] bytes, int offset) {
        ImageReader reader = jpegReader();
        try (ImageInputStream in = stream(bytes, offset)) {
            reader.setInput(in);
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            reader.dispose();
        }
    }

    private static ImageInputStream stream(byte[] bytes, int offset) {
        return new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes, offset, bytes.length - offset));
    }

    private static ImageReader jpegReader() {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg");
        if (!it.hasNext()) {
            throw new IllegalStateException("no JPEG reader registered with ImageIO");
        }
        return it.next();
    }
}
