package org.dadiff4j.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;

/**
 * Reads one image file into a {@link Picture}: picks the ImageIO reader from the file's magic
 * bytes, checks the header's size against {@link ImageLimits} before decoding, refuses truncated
 * files (a JPEG must reach its end marker, and a decoder's "premature end" warning is an error:
 * the JPEG decoder otherwise fills the missing part with gray and carries on), keeps the stored
 * values and the ICC profile of RGB and gray images ({@link IccProfiles}), and turns the picture
 * upright by its EXIF orientation.
 */
final class ImageDecoder {

    private ImageDecoder() {}

    static Picture read(Path file) {
        Object[] got = withReader(file, (reader, in) -> {
            String format = reader.getFormatName().toLowerCase(Locale.ROOT);
            return new Object[] {format, decode(file, format, reader, in)};
        });
        return ExifOrientation.apply((Picture) got[1], ExifOrientation.read(file, (String) got[0]));
    }

    /** The header's width and height; see {@link ImageFiles#size}. */
    static int[] size(Path file) {
        return withReader(file, (reader, in) -> {
            reader.setInput(in, false, true);
            int[] size = {reader.getWidth(0), reader.getHeight(0)};
            ImageLimits.check(file, reader.getFormatName(), size[0], size[1], Files.size(file));
            return size;
        });
    }

    private interface ReaderUse<T> {
        T apply(ImageReader reader, ImageInputStream in) throws IOException;
    }

    /** Runs {@code use} with the reader the file's magic bytes select; every failure names the file. */
    private static <T> T withReader(Path file, ReaderUse<T> use) {
        org.dadiff4j.InputFile.require(file, "image");
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw DadiffException.of(file, "unknown or unsupported image format"
                        + " (PNG, JPEG, BMP, WebP, GIF and TIFF can be read)");
            }
            ImageReader reader = readers.next();
            try {
                boolean webp = reader.getFormatName().equalsIgnoreCase("webp");
                return use.apply(reader, webp ? new StrictEndInput(in) : in);
            } finally {
                reader.dispose();
            }
        } catch (DadiffException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw DadiffException.of(file, "corrupt, truncated or unsupported image (" + decoderProblem(e) + ")", e);
        } catch (OutOfMemoryError e) {
            throw DadiffException.of(file, "not enough memory to decode this image", e);
        }
    }

    /**
     * The decoder's own words where they are a reason ("Unsupported bit count: 7"); not where they
     * are a Java object dump or an index error from inside the decoder, which mean nothing to a user.
     */
    static String decoderProblem(Throwable e) {
        String d = Problems.describe(e);
        boolean internal = e instanceof RuntimeException || d.length() > 160
                || d.matches(".*\\b(java|javax|sun|com)\\.[a-z]+\\..*") || d.matches(".*@[0-9a-f]{4,}.*");
        return internal ? "the decoder cannot make sense of its structure" : d;
    }

    private static Picture decode(Path file, String format, ImageReader reader, ImageInputStream in)
            throws IOException {
        reader.setInput(in, false, false); // not seek-forward-only: an animation is counted first
        List<String> fatal = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> {
            if (warning != null && warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                fatal.add(warning);
            }
        });
        ImageLimits.check(file, format, reader.getWidth(0), reader.getHeight(0), Files.size(file));
        if (format.equals("gif") || format.equals("webp")) {
            int frames = reader.getNumImages(true);
            if (frames > 1) {
                throw DadiffException.of(file, "is an animation (" + frames + " frames); only still images can be"
                        + " upscaled (extract the frames first)");
            }
        }
        if (format.equals("webp")) {
            WebpStructure.requireComplete(file);
        }
        if (format.equals("jpeg")) {
            JpegStructure.requireComplete(file);
        }
        BufferedImage img = reader.read(0, format.equals("jpeg") ? IccProfiles.storedValues(reader) : null);
        if (!fatal.isEmpty()) {
            throw DadiffException.of(file, "truncated or corrupt " + format + " file ("
                    + Problems.oneLine(fatal.get(0)) + ")");
        }
        Picture p = Rasters.toPicture(img);
        byte[] embedded = Rasters.keepsValues(img.getColorModel()) ? IccProfiles.read(file, format, reader) : null;
        return embedded != null && IccProfiles.fits(embedded, p.channels()) ? p.withIccProfile(embedded) : p;
    }
}
