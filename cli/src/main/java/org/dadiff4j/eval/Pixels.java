package org.dadiff4j.eval;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import org.dadiff4j.image.Picture;

/**
 * 8-bit pixel arrays as the metrics take them: {@code int[]} of values 0..255, interleaved HWC,
 * channels in RGB order (BasicSR reads BGR with OpenCV; every formula here names its channels).
 */
public final class Pixels {

    private Pixels() {}

    /** The 3-channel RGB pixels of an 8-bit image; alpha is dropped, gray is replicated. */
    public static int[] rgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] out = new int[w * h * 3];
        Raster r = img.getRaster();
        int bands = r.getNumBands();
        // Component rasters hold the file's samples; getRGB would colour-convert gray (linear CS_GRAY).
        boolean direct = img.getColorModel() instanceof ComponentColorModel
                && r.getTransferType() == DataBuffer.TYPE_BYTE && (bands == 1 || bands >= 3);
        int[] px = new int[bands];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 3;
                if (direct) {
                    r.getPixel(x, y, px);
                    out[o] = px[0];
                    out[o + 1] = px[bands == 1 ? 0 : 1];
                    out[o + 2] = px[bands == 1 ? 0 : 2];
                } else {
                    int argb = img.getRGB(x, y);
                    out[o] = (argb >> 16) & 0xff;
                    out[o + 1] = (argb >> 8) & 0xff;
                    out[o + 2] = argb & 0xff;
                }
            }
        }
        return out;
    }

    /**
     * The 3-channel RGB pixels of a picture as an 8-bit file of it holds them: round(v·255)
     * clamped (16-bit pictures are reduced to 8 bits), gray replicated, alpha dropped.
     */
    public static int[] rgb(Picture p) {
        int n = p.width() * p.height();
        int[] out = new int[n * 3];
        for (int c = 0; c < 3; c++) {
            float[] plane = p.plane(p.isGray() ? 0 : c);
            for (int i = 0; i < n; i++) {
                out[i * 3 + c] = Math.min(Math.max(Math.round(plane[i] * 255f), 0), 255);
            }
        }
        return out;
    }

    /**
     * [0,1] float CHW values (a model output) as 8-bit HWC the way BasicSR's {@code tensor2img}
     * does it: clamp, multiply by 255 in float32, round half to even.
     */
    public static int[] quantize(float[] chw, int c, int h, int w) {
        if (chw.length != c * h * w) {
            throw new IllegalArgumentException("expected " + c + "x" + h + "x" + w + " values, got " + chw.length);
        }
        int[] out = new int[chw.length];
        int plane = h * w;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < plane; i++) {
                float v = Math.min(1f, Math.max(0f, chw[ch * plane + i]));
                out[i * c + ch] = (int) Math.rint(v * 255f);
            }
        }
        return out;
    }

    /**
     * The BT.601 luma of BasicSR's {@code to_y_channel} (float32 0..255, not rounded):
     * {@code f32(f32(((b·24.966 + g·128.553) + r·65.481 + 16) / 255) · 255)}, with
     * {@code r = f32(R / 255)} etc. A 1-channel image only goes through the /255, ·255 round trip.
     */
    public static float[] luma(int[] hwc, int w, int h, int c) {
        checkShape(hwc, w, h, c);
        float[] y = new float[w * h];
        for (int i = 0; i < y.length; i++) {
            if (c == 3) {
                double r = hwc[i * 3] / 255f;
                double g = hwc[i * 3 + 1] / 255f;
                double b = hwc[i * 3 + 2] / 255f;
                double v = ((b * 24.966 + g * 128.553) + r * 65.481) + 16.0;
                y[i] = (float) (v / 255.0) * 255f;
            } else {
                y[i] = (hwc[i] / 255f) * 255f;
            }
        }
        return y;
    }

    static void checkShape(int[] hwc, int w, int h, int c) {
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException("images must have 1 or 3 channels, got " + c);
        }
        if (w <= 0 || h <= 0 || hwc.length != w * h * c) {
            throw new IllegalArgumentException("expected " + h + "x" + w + "x" + c + " values, got " + hwc.length);
        }
    }
}
