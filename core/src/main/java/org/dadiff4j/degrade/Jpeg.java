package org.dadiff4j.degrade;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Real JPEG compression: encode with the JDK's ImageIO JPEG writer (IJG quality scaling, 4:2:0
 * chroma) into memory and decode back. Deterministic: the same pixels and quality give the same bytes.
 */
public final class Jpeg {

    private static final ThreadLocal<ImageWriter> WRITER = ThreadLocal.withInitial(() -> jdkFirst(ImageIO.getImageWritersByFormatName("jpeg")));
    private static final ThreadLocal<ImageReader> READER = ThreadLocal.withInitial(() -> jdkFirst(ImageIO.getImageReadersByFormatName("jpeg")));

    private Jpeg() {}

    /** The image after a JPEG round trip at {@code quality} (1..100), 8-bit quantised. */
    public static Planes compress(Planes img, int quality) {
        return decode(encode(img, quality));
    }

    /** JPEG bytes of an RGB image at {@code quality} (1..100). */
    public static byte[] encode(Planes img, int quality) {
        if (quality < 1 || quality > 100 || img.channels() != 3) {
            throw new IllegalArgumentException("JPEG needs 3 channels and quality 1..100, got "
                    + img.channels() + " / " + quality);
        }
        BufferedImage bi = new BufferedImage(img.width, img.height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) bi.getRaster().getDataBuffer()).getData();
        int n = img.width * img.height;
        for (int i = 0; i < n; i++) {
            bgr[3 * i] = (byte) Planes.toByte(img.c[2][i]);
            bgr[3 * i + 1] = (byte) Planes.toByte(img.c[1][i]);
            bgr[3 * i + 2] = (byte) Planes.toByte(img.c[0][i]);
        }
        ImageWriter writer = WRITER.get();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality / 100f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(n / 4 + 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(bi, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.reset();
        }
        return bytes.toByteArray();
    }

    /** Decodes JPEG bytes to RGB planes. */
    public static Planes decode(byte[] jpeg) {
        ImageReader reader = READER.get();
        BufferedImage bi;
        try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            bi = reader.read(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            reader.reset();
        }
        return fromImage(bi);
    }

    /** RGB planes of a decoded image (alpha dropped, gray copied to all channels). */
    public static Planes fromImage(BufferedImage bi) {
        int w = bi.getWidth();
        int h = bi.getHeight();
        if (bi.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] bgr = ((DataBufferByte) bi.getRaster().getDataBuffer()).getData();
            Planes p = Planes.zeros(w, h, 3);
            for (int i = 0; i < w * h; i++) {
                p.c[0][i] = (bgr[3 * i + 2] & 0xff) / 255f;
                p.c[1][i] = (bgr[3 * i + 1] & 0xff) / 255f;
                p.c[2][i] = (bgr[3 * i] & 0xff) / 255f;
            }
            return p;
        }
        int[] argb = bi.getRGB(0, 0, w, h, null, 0, w);
        Planes p = Planes.zeros(w, h, 3);
        for (int i = 0; i < w * h; i++) {
            p.c[0][i] = ((argb[i] >> 16) & 0xff) / 255f;
            p.c[1][i] = ((argb[i] >> 8) & 0xff) / 255f;
            p.c[2][i] = (argb[i] & 0xff) / 255f;
        }
        return p;
    }

    /** The JDK's own codec when present (TwelveMonkeys registers wrappers around it). */
    private static <T> T jdkFirst(Iterator<T> it) {
        T first = null;
        while (it.hasNext()) {
            T t = it.next();
            if (t.getClass().getName().startsWith("com.sun.imageio")) {
                return t;
            }
            if (first == null) {
                first = t;
            }
        }
        if (first == null) {
            throw new IllegalStateException("no JPEG codec registered with ImageIO");
        }
        return first;
    }
}
