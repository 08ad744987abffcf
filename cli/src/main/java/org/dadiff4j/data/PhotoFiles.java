package org.dadiff4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;
import org.dadiff4j.degrade.Jpeg;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.image.Channels;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;

/**
 * The only place where the data package touches image files. Photos are read through
 * {@link ImageFiles} (EXIF orientation, ICC, 16-bit, every format it knows) as RGB planes (alpha
 * dropped, gray copied to three channels), plus Eet archives ({@code .edj}); PNGs are written
 * atomically.
 */
public final class PhotoFiles {

    private PhotoFiles() {}

    /** RGB planes in [0, 1]. */
    public static Planes read(Path file) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".edj")) {
            return Jpeg.fromImage(Edj.largestImage(file));
        }
        Picture p = ImageFiles.read(file);
        float[][] rgb = p.isGray() ? Channels.grayToRgb(p.plane(0)) : p.planes();
        return new Planes(p.width(), p.height(), rgb);
    }

    /** Writes an 8-bit RGB PNG (values clamped and rounded), creating parent folders. */
    public static void writePng(Planes img, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot create its folder: " + Problems.describe(e), e);
        }
        ImageFiles.write(Picture.of(img.width, img.height, img.c, null, 8), file);
    }

    /** Whether {@link #read} should be able to open this file, by its extension. */
    public static boolean isPhoto(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".edj")
                || n.endsWith(".bmp") || n.endsWith(".webp");
    }
}
