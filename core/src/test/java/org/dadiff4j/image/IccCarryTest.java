package org.dadiff4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.dadiff4j.api.Dadiff;
import org.dadiff4j.pipeline.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input's ICC profile reaches its output (PNG iCCP, JPEG APP2, TIFF tag 34675) byte for byte,
 * and the pixels are the stored values, never converted to sRGB on the way.
 */
class IccCarryTest {

    private static final byte[] LINEAR_RGB = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
    private static final byte[] GRAY = ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData();

    @TempDir Path dir;

    @Test
    void profileAndValuesRoundTripThroughEveryFormat() {
        for (int channels : new int[] {3, 1}) {
            byte[] profile = channels == 3 ? LINEAR_RGB : GRAY;
            for (String ext : new String[] {"png", "tif", "jpg"}) {
                for (int bits : ext.equals("jpg") ? new int[] {8} : new int[] {8, 16}) {
                    String what = channels + " channels, " + bits + "-bit " + ext;
                    Picture p = smooth(24, 16, channels, bits).withIccProfile(profile);
                    Path f = dir.resolve(channels + "-" + bits + "." + ext);
                    ImageFiles.write(p, f);
                    Picture back = ImageFiles.read(f);
                    assertArrayEquals(profile, back.iccProfile(), what);
                    assertEquals(bits, back.bitDepth(), what);
                    if (ext.equals("jpg")) {
                        // lossy, but the stored values: converting linear RGB or gray (gamma 1) to
                        // sRGB would move mid-tones by about 0.2
                        assertTrue(meanAbsDiff(p, back) < 0.01, what + ": " + meanAbsDiff(p, back));
                    } else {
                        assertEquals(p, back, what);
                    }
                }
            }
        }
    }

    @Test
    void theFacadeKeepsTheProfileAndUpscalesTheStoredValues() throws Exception {
        // A 16-bit linear-RGB TIFF written by ImageIO alone (its TIFF writer embeds the profile).
        Path in = dir.resolve("linear.tif");
        Picture stored = smooth(20, 12, 3, 16);
        ImageIO.write(imageIn(stored, new ICC_ColorSpace(ICC_Profile.getInstance(LINEAR_RGB))), "tiff", in.toFile());
        try (Dadiff d = Dadiff.builder().optMethod(Method.BICUBIC).optScale(2).build()) {
            Picture expected = BufferedImages.toPicture(d.upscale(BufferedImages.toImage(stored)));
            assertNull(expected.iccProfile());
            for (String ext : new String[] {"png", "tif", "jpg"}) {
                Path out = dir.resolve("up." + ext);
                d.upscale(in, out);
                Picture back = ImageFiles.read(out);
                assertArrayEquals(LINEAR_RGB, back.iccProfile(), ext);
                assertEquals(40, back.width(), ext);
                if (ext.equals("jpg")) {
                    assertTrue(meanAbsDiff(expected, back) < 0.01, ext + ": " + meanAbsDiff(expected, back));
                } else {
                    assertEquals(expected, back.withIccProfile(null), ext);
                }
            }
            // In memory too: the result is in the input's colour space.
            BufferedImage up = d.upscale(imageIn(stored, new ICC_ColorSpace(ICC_Profile.getInstance(LINEAR_RGB))));
            assertArrayEquals(LINEAR_RGB, ((ICC_ColorSpace) up.getColorModel().getColorSpace()).getProfile().getData());
            assertEquals(expected, BufferedImages.toPicture(up).withIccProfile(null));
        }
    }

    @Test
    void anAdobeRgbJpegKeepsItsValuesAndProfile() throws Exception {
        // stored (204,40,40) and (128,128,128) in Adobe RGB; in sRGB they would be (237,35,34), (129,129,129)
        Picture p = ImageFiles.read(ResizeTest.resource("adobe-rgb.jpg"));
        assertEquals(204 / 255f, p.get(0, 24, 8), 0.02f);
        assertEquals(40 / 255f, p.get(1, 24, 8), 0.02f);
        assertEquals(40 / 255f, p.get(2, 24, 8), 0.02f);
        byte[] profile = p.iccProfile();
        assertNotNull(profile);
        assertEquals(ColorSpace.TYPE_RGB, ICC_Profile.getInstance(profile).getColorSpaceType());
        Path png = dir.resolve("adobe.png");
        ImageFiles.write(p, png);
        assertEquals(p, ImageFiles.read(png));
    }

    @Test
    void cmykIsConvertedAndCarriesNoProfile() throws Exception {
        Picture p = ImageFiles.read(ResizeTest.resource("cmyk.jpg"));
        assertEquals(3, p.channels());
        assertNull(p.iccProfile());
    }

    @Test
    void aProfileMustMatchThePlanes() {
        Picture rgb = smooth(4, 4, 3, 8);
        assertThrows(IllegalArgumentException.class, () -> rgb.withIccProfile(GRAY));
        assertThrows(IllegalArgumentException.class, () -> smooth(4, 4, 1, 8).withIccProfile(LINEAR_RGB));
        assertThrows(IllegalArgumentException.class, () -> rgb.withIccProfile(new byte[] {1, 2, 3}));
        assertNull(rgb.withIccProfile(LINEAR_RGB).withIccProfile(null).iccProfile());
    }

    /** Gradients in exact multiples of 1/max, so lossless formats give them back exactly. */
    private static Picture smooth(int w, int h, int channels, int bits) {
        int max = (1 << bits) - 1;
        float[][] planes = new float[channels][w * h];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0.15 + 0.7 * (x + 2.0 * y + 5 * c) / (w + 2.0 * h + 10);
                    planes[c][y * w + x] = Math.round(v * max) / (float) max;
                }
            }
        }
        return Picture.of(w, h, planes, null, bits);
    }

    private static BufferedImage imageIn(Picture p, ColorSpace cs) {
        ComponentColorModel cm = new ComponentColorModel(cs, false, false, Transparency.OPAQUE,
                p.bitDepth() == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE);
        WritableRaster r = cm.createCompatibleWritableRaster(p.width(), p.height());
        int max = (1 << p.bitDepth()) - 1;
        for (int c = 0; c < p.channels(); c++) {
            r.setSamples(0, 0, p.width(), p.height(), c, Rasters.quantise(p.plane(c), max));
        }
        return new BufferedImage(cm, r, false, null);
    }

    private static double meanAbsDiff(Picture a, Picture b) {
        double s = 0;
        int n = 0;
        for (int c = 0; c < a.channels(); c++) {
            float[] x = a.plane(c);
            float[] y = b.plane(c);
            for (int i = 0; i < x.length; i++) {
                s += Math.abs(x[i] - y[i]);
                n++;
            }
        }
        return s / n;
    }
}
