package org.dadiff4j.degrade;

import java.util.Arrays;

/**
 * An image as float planes (one row-major {@code float[height*width]} per channel, usually RGB in
 * [0, 1]). The degradation code works on these so that it needs no image library.
 */
public final class Planes {

    public final int width;
    public final int height;
    /** {@code c[channel][y * width + x]}. */
    public final float[][] c;

    public Planes(int width, int height, float[][] c) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("empty image " + width + "x" + height);
        }
        for (float[] p : c) {
            if (p.length != width * height) {
                throw new IllegalArgumentException("plane of " + p.length + " values for " + width + "x" + height);
            }
        }
        this.width = width;
        this.height = height;
        this.c = c;
    }

    /** A black image. */
    public static Planes zeros(int width, int height, int channels) {
        float[][] c = new float[channels][width * height];
        return new Planes(width, height, c);
    }

    public int channels() {
        return c.length;
    }

    public Planes copy() {
        float[][] d = new float[c.length][];
        for (int i = 0; i < c.length; i++) {
            d[i] = c[i].clone();
        }
        return new Planes(width, height, d);
    }

    /** The {@code w x h} window at {@code (x, y)}. */
    public Planes crop(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("crop " + w + "x" + h + "+" + x + "+" + y
                    + " outside " + width + "x" + height);
        }
        Planes out = zeros(w, h, c.length);
        for (int ch = 0; ch < c.length; ch++) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(c[ch], (y + r) * width + x, out.c[ch], r * w, w);
            }
        }
        return out;
    }

    /** Clamps every value to [0, 1] in place. */
    public Planes clampInPlace() {
        for (float[] p : c) {
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.min(1f, Math.max(0f, p[i]));
            }
        }
        return this;
    }

    /** Rounds to 8 bits like {@code clamp(round(x * 255), 0, 255) / 255}, in place. */
    public Planes quantizeInPlace() {
        for (float[] p : c) {
            for (int i = 0; i < p.length; i++) {
                p[i] = toByte(p[i]) / 255f;
            }
        }
        return this;
    }

    /** The 8-bit value of a sample: {@code clamp(round(v * 255), 0, 255)}, rounding half to even like torch. */
    public static int toByte(float v) {
        float s = v * 255f;
        if (!(s > 0f)) {
            return 0;
        }
        return s >= 255f ? 255 : (int) Math.rint(s);
    }

    /** Interleaved 8-bit samples (RGBRGB...), row-major. */
    public byte[] toInterleavedBytes() {
        int n = width * height;
        int k = c.length;
        byte[] out = new byte[n * k];
        for (int ch = 0; ch < k; ch++) {
            float[] p = c[ch];
            for (int i = 0; i < n; i++) {
                out[i * k + ch] = (byte) toByte(p[i]);
            }
        }
        return out;
    }

    /** Planes from interleaved 8-bit samples. */
    public static Planes fromInterleavedBytes(byte[] data, int width, int height, int channels) {
        Planes out = zeros(width, height, channels);
        int n = width * height;
        for (int ch = 0; ch < channels; ch++) {
            float[] p = out.c[ch];
            for (int i = 0; i < n; i++) {
                p[i] = (data[i * channels + ch] & 0xff) / 255f;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Planes && ((Planes) o).width == width && ((Planes) o).height == height
                && Arrays.deepEquals(((Planes) o).c, c);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.deepHashCode(c);
    }
}
