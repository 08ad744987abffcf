package org.dadiff4j.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Conversions between decoded {@link BufferedImage}s and float planes. Samples map as v/max
 * (v/255f for 8 bits, v/65535f for 16 bits). RGB and gray images keep their stored values and
 * their ICC profile, if any ({@link IccProfiles}); other colour spaces (CMYK, YCCK, Lab) are
 * converted to sRGB with their profile.
 */
final class Rasters {

    private Rasters() {}

    static Picture toPicture(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        if (cm instanceof IndexColorModel) {
            return fromPalette(img, (IndexColorModel) cm);
        }
        ColorSpace cs = cm.getColorSpace();
        if (!keepsValues(cm)) {
            return toPicture(toSrgb(img));
        }
        if (cm.isAlphaPremultiplied()) {
            img.coerceData(false);
        }
        Raster r = img.getRaster();
        int w = img.getWidth();
        int h = img.getHeight();
        int colors = cm.getNumColorComponents();
        int bits = 0;
        float[][] planes = new float[colors][];
        for (int c = 0; c < colors; c++) {
            planes[c] = band(r, c, cm.getComponentSize(c));
            bits = Math.max(bits, cm.getComponentSize(c));
        }
        float[] alpha = cm.hasAlpha() ? band(r, colors, cm.getComponentSize(colors)) : null;
        byte[] icc = colors == 1 || cs.getType() == ColorSpace.TYPE_RGB ? IccProfiles.ofColorSpace(cs) : null;
        return Picture.wrap(w, h, planes, alpha, bits > 8 ? 16 : 8, icc);
    }

    /** Whether {@link #toPicture} takes the stored values of images of {@code cm} as they are. */
    static boolean keepsValues(ColorModel cm) {
        if (cm instanceof IndexColorModel) {
            return true;
        }
        ColorSpace cs = cm.getColorSpace();
        int colors = cm.getNumColorComponents();
        return cs.isCS_sRGB() || cs.getType() == ColorSpace.TYPE_GRAY && colors == 1
                || cs instanceof ICC_ColorSpace && cs.getType() == ColorSpace.TYPE_RGB && colors == 3;
    }

    /** Palette images: gray if every entry is gray, else RGB; alpha if the palette has any (PNG tRNS). */
    private static Picture fromPalette(BufferedImage img, IndexColorModel cm) {
        int w = img.getWidth();
        int h = img.getHeight();
        int size = cm.getMapSize();
        boolean gray = true;
        for (int i = 0; i < size && gray; i++) {
            gray = cm.getRed(i) == cm.getGreen(i) && cm.getGreen(i) == cm.getBlue(i);
        }
        int[] idx = img.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
        float[][] planes = new float[gray ? 1 : 3][idx.length];
        float[] alpha = cm.hasAlpha() ? new float[idx.length] : null;
        for (int i = 0; i < idx.length; i++) {
            int rgb = cm.getRGB(idx[i]);
            for (int c = 0; c < planes.length; c++) {
                planes[c][i] = ((rgb >> (16 - 8 * c)) & 0xFF) / 255f;
            }
            if (alpha != null) {
                alpha[i] = (rgb >>> 24) / 255f;
            }
        }
        return Picture.wrap(w, h, planes, alpha, 8, null);
    }

    private static float[] band(Raster r, int b, int bits) {
        float[] v = r.getSamples(0, 0, r.getWidth(), r.getHeight(), b, (float[]) null);
        int type = r.getDataBuffer().getDataType();
        if (type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE) {
            return v;
        }
        float max = (float) ((1L << bits) - 1);
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] / max;
        }
        return v;
    }

    private static BufferedImage toSrgb(BufferedImage img) {
        ColorModel src = img.getColorModel();
        boolean alpha = src.hasAlpha();
        int bits = 0;
        for (int c = 0; c < src.getNumComponents(); c++) {
            bits = Math.max(bits, src.getComponentSize(c));
        }
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                bits > 8 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE);
        BufferedImage dst = new BufferedImage(cm, cm.createCompatibleWritableRaster(img.getWidth(),
                img.getHeight()), false, null);
        new ColorConvertOp(null).filter(img, dst);
        return dst;
    }

    /**
     * An image ready for an ImageIO writer: in the picture's ICC profile, or gray or sRGB, with
     * alpha if asked and present, samples round(v*max) clamped to [0,max] with max = 2^bits - 1.
     * The JPEG and TIFF writers embed the profile of such an image themselves.
     */
    static BufferedImage toImage(Picture p, int bits, boolean keepAlpha) {
        boolean alpha = keepAlpha && p.hasAlpha();
        ColorSpace cs = IccProfiles.colorSpace(p.iccRef(), p.isGray());
        ColorModel cm = new ComponentColorModel(cs, alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                bits == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE);
        WritableRaster r = cm.createCompatibleWritableRaster(p.width(), p.height());
        int max = (1 << bits) - 1;
        for (int c = 0; c < p.channels(); c++) {
            r.setSamples(0, 0, p.width(), p.height(), c, quantise(p.planeRef(c), max));
        }
        if (alpha) {
            r.setSamples(0, 0, p.width(), p.height(), p.channels(), quantise(p.alphaRef(), max));
        }
        return new BufferedImage(cm, r, false, null);
    }

    static int[] quantise(float[] v, int max) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.min(Math.max(Math.round(v[i] * max), 0), max);
        }
        return out;
    }
}
