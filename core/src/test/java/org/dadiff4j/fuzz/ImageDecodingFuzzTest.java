package org.dadiff4j.fuzz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.ImageLimits;
import org.dadiff4j.image.TestImages;

/**
 * Fuzzes image decoding: real files of each format, mutated ({@link Mutator}), go through what the
 * batch does with an input (the header size, then the decode). See docs/reliability.md.
 */
@Tag("fuzz")
@AddLifecycleHook(FixedSeed.class)
class ImageDecodingFuzzTest {

    /**
     * What decoding may allocate per pixel that {@link ImageLimits#maxPixels} lets the file announce:
     * a few copies of the raster, in bytes and in floats (768 MB for the 4 MP any file may announce).
     */
    static final long BYTES_PER_PIXEL = 192;

    private static final Map<String, List<byte[]>> SEEDS = new ConcurrentHashMap<>();

    @Property
    void png(@ForAll @IntRange(max = 1000) int pick, @ForAll long choice) throws IOException {
        fuzz("png", pick, choice);
    }

    @Property
    void jpeg(@ForAll @IntRange(max = 1000) int pick, @ForAll long choice) throws IOException {
        fuzz("jpeg", pick, choice);
    }

    @Property
    void bmp(@ForAll @IntRange(max = 1000) int pick, @ForAll long choice) throws IOException {
        fuzz("bmp", pick, choice);
    }

    @Property
    void webp(@ForAll @IntRange(max = 1000) int pick, @ForAll long choice) throws IOException {
        fuzz("webp", pick, choice);
    }

    @Property
    void tiff(@ForAll @IntRange(max = 1000) int pick, @ForAll long choice) throws IOException {
        fuzz("tiff", pick, choice);
    }

    @Property
    void gif(@ForAll @IntRange(max = 1000) int pick, @ForAll long choice) throws IOException {
        fuzz("gif", pick, choice);
    }

    @AfterContainer
    static void writeStats() throws IOException {
        FuzzHarness.writeStats();
    }

    private static void fuzz(String format, int pick, long choice) throws IOException {
        FuzzHarness.fuzz("image-" + format, "case." + format, SEEDS.computeIfAbsent(format, ImageDecodingFuzzTest::seeds),
                pick, choice, n -> BYTES_PER_PIXEL * ImageLimits.maxPixels(format, n), f -> {
                    ImageFiles.size(f);
                    return ImageFiles.read(f);
                });
    }

    static List<byte[]> seeds(String format) {
        try {
            List<byte[]> s = new ArrayList<>();
            switch (format) {
                case "png":
                    s.add(Files.readAllBytes(Paths.get("examples", "ladybird-80.png")));
                    s.add(png(24, 16, 3, false, 8));
                    s.add(png(17, 9, 1, false, 16));
                    s.add(png(12, 12, 3, true, 16));
                    s.add(png(9, 7, 1, true, 8));
                    s.add(encode(indexed(20, 14), "png", null));
                    break;
                case "jpeg":
                    s.add(resource("adobe-rgb.jpg"));
                    s.add(resource("cmyk.jpg"));
                    s.add(encode(rgb(32, 24), "jpeg", null));
                    s.add(encode(rgb(40, 17), "jpeg", p -> p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT)));
                    s.add(encode(gray(16, 16), "jpeg", null));
                    break;
                case "bmp":
                    s.add(encode(rgb(21, 13), "bmp", null));
                    s.add(encode(indexed(16, 8), "bmp", null));
                    s.add(encode(indexed(30, 10), "bmp", p -> {
                        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                        p.setCompressionType("BI_RLE8");
                    }));
                    break;
                case "webp":
                    s.add(resource("tiny-lossless.webp"));
                    s.add(resource("alpha-lossless.webp"));
                    break;
                case "tiff":
                    s.add(encode(rgb(19, 11), "tiff", null));
                    for (String c : new String[] {"Deflate", "LZW", "PackBits"}) {
                        s.add(encode(rgb(16, 12), "tiff", p -> {
                            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                            p.setCompressionType(c);
                        }));
                    }
                    s.add(encode(gray(10, 10), "tiff", null));
                    break;
                case "gif":
                    s.add(encode(indexed(20, 12), "gif", null));
                    break;
                default:
                    throw new IllegalArgumentException(format);
            }
            return s;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] png(int w, int h, int channels, boolean alpha, int bits) throws IOException {
        Path p = Files.createTempFile("seed", ".png");
        try {
            ImageFiles.write(TestImages.quantisedNoise(w, h, channels, alpha, bits, w * 31L + h), p);
            return Files.readAllBytes(p);
        } finally {
            Files.delete(p);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ImageDecodingFuzzTest.class.getResourceAsStream("/image/" + name)) {
            return in.readAllBytes();
        }
    }

    private static BufferedImage rgb(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        java.util.Random r = new java.util.Random(w * 7L + h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | r.nextInt(256));
            }
        }
        return img;
    }

    private static BufferedImage gray(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        img.getGraphics().drawImage(rgb(w, h), 0, 0, null);
        return img;
    }

    private static BufferedImage indexed(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED);
        img.getGraphics().drawImage(rgb(w, h), 0, 0, null);
        return img;
    }

    private static byte[] encode(BufferedImage img, String format, java.util.function.Consumer<ImageWriteParam> opts)
            throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            ImageWriteParam p = w.getDefaultWriteParam();
            if (opts != null) {
                opts.accept(p);
            }
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }
}
