package org.dadiff4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.dadiff4j.DadiffException;
import org.dadiff4j.degrade.Jpeg;
import org.dadiff4j.degrade.Planes;

/**
 * The only place where the data package touches image files: ImageIO for now, to be switched to
 * {@code org.dadiff4j.image.ImageFiles} once that exists. Reads 8-bit RGB (alpha dropped, gray
 * expanded) and Eet archives ({@code .edj}); writes PNG.
 */
public final class PhotoFiles {

    private PhotoFiles() {}

    /** RGB planes in [0, 1]. */
    public static Planes read(Path file) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".edj")) {
            return Jpeg.fromImage(Edj.largestImage(file));
        }
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot read image: " + e.getMessage(), e);
        }
        if (img == null) {
            throw DadiffException.of(file, "not an image format ImageIO can read");
        }
        return Jpeg.fromImage(img);
    }

    /** Writes an 8-bit RGB PNG (values clamped and rounded), creating parent folders. */
    public static void writePng(Planes img, Path file) {
        BufferedImage bi = new BufferedImage(img.width, img.height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[img.width * img.height];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = Planes.toByte(img.c[0][i]) << 16 | Planes.toByte(img.c[1][i]) << 8 | Planes.toByte(img.c[2][i]);
        }
        bi.setRGB(0, 0, img.width, img.height, rgb, 0, img.width);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (!ImageIO.write(bi, "png", file.toFile())) {
                throw DadiffException.of(file, "no PNG writer available");
            }
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot write: " + e.getMessage(), e);
        }
    }

    /** Whether {@link #read} should be able to open this file, by its extension. */
    public static boolean isPhoto(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".edj")
                || n.endsWith(".bmp") || n.endsWith(".webp");
    }
}
