package org.dadiff4j.image;

import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Encodes a picture as PNG or TIFF (8/16-bit, gray, gray+alpha, RGB, RGBA) or JPEG (8-bit, no alpha). */
final class ImageEncoder {

    private ImageEncoder() {}

    static void encode(Picture p, WriteOptions.Format format, int bits, float jpegQuality, ImageOutputStream out)
            throws IOException {
        boolean lossless = format != WriteOptions.Format.JPEG;
        ImageWriter writer = writer(format == WriteOptions.Format.PNG ? "png" : lossless ? "tiff" : "jpeg");
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format == WriteOptions.Format.TIFF) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType("Deflate");
            }
            if (!lossless) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(jpegQuality);
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(Rasters.toImage(p, lossless ? bits : 8, lossless), null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static ImageWriter writer(String format) throws IOException {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format);
        if (!it.hasNext()) {
            throw new IOException("no " + format + " encoder available");
        }
        return it.next();
    }
}
