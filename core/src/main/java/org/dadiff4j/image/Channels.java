package org.dadiff4j.image;

/**
 * Gray/RGB conversions for the networks, which all take RGB: a gray image goes in as three equal
 * channels and the RGB output comes back as ITU-R BT.601 luma (the weights of PIL's
 * {@code convert('L')}), which returns the input exactly when the three channels are equal up to float rounding.
 */
public final class Channels {

    static final float LUMA_R = 0.299f;
    static final float LUMA_G = 0.587f;
    static final float LUMA_B = 0.114f;

    private Channels() {}

    /** Three independent copies of the gray plane. */
    public static float[][] grayToRgb(float[] gray) {
        return new float[][] {gray.clone(), gray.clone(), gray.clone()};
    }

    /** BT.601 luma: 0.299 R + 0.587 G + 0.114 B, in float32. */
    public static float[] rgbToGray(float[][] rgb) {
        if (rgb.length != 3) {
            throw new IllegalArgumentException("expected 3 planes, got " + rgb.length);
        }
        float[] r = rgb[0];
        float[] g = rgb[1];
        float[] b = rgb[2];
        float[] out = new float[r.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = LUMA_R * r[i] + LUMA_G * g[i] + LUMA_B * b[i];
        }
        return out;
    }
}
