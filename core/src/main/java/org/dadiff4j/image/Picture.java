package org.dadiff4j.image;

import java.util.Arrays;

/**
 * A decoded image: 1 (gray) or 3 (RGB) colour planes and an optional alpha plane, each row-major
 * H*W floats in [0,1], plus the bit depth of the source (8 or 16) so that a result can be saved
 * like its input, and the ICC profile the values are in, if the source had one (none: sRGB, or
 * gray). Immutable: {@link #of} and the accessors copy.
 */
public final class Picture {

    private final int width;
    private final int height;
    private final float[][] planes;
    private final float[] alpha;
    private final int bitDepth;
    private final byte[] icc;

    private Picture(int width, int height, float[][] planes, float[] alpha, int bitDepth, byte[] icc) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be positive: " + width + "x" + height);
        }
        if (planes.length != 1 && planes.length != 3) {
            throw new IllegalArgumentException("expected 1 or 3 colour planes, got " + planes.length);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bitDepth);
        }
        long n = (long) width * height;
        for (float[] p : planes) {
            checkLength(p, n);
        }
        if (alpha != null) {
            checkLength(alpha, n);
        }
        this.width = width;
        this.height = height;
        this.planes = planes;
        this.alpha = alpha;
        this.bitDepth = bitDepth;
        this.icc = icc;
    }

    /** A picture holding copies of the arrays. {@code alpha} may be null. */
    public static Picture of(int width, int height, float[][] planes, float[] alpha, int bitDepth) {
        return new Picture(width, height, deepCopy(planes), alpha == null ? null : alpha.clone(), bitDepth, null);
    }

    /** Takes ownership of the arrays without copying (for this package's decoders). */
    static Picture wrap(int width, int height, float[][] planes, float[] alpha, int bitDepth, byte[] icc) {
        return new Picture(width, height, planes, alpha, bitDepth, icc);
    }

    /**
     * This picture with its values declared to be in the colour space of the ICC profile
     * {@code profile} (the bytes of an RGB profile for 3 planes, of a gray one for 1), or in sRGB
     * (or gray) for null. The values are not converted; writers embed the profile.
     *
     * @throws IllegalArgumentException if the profile is not a valid RGB or gray profile matching the planes
     */
    public Picture withIccProfile(byte[] profile) {
        if (profile != null && !IccProfiles.fits(profile, planes.length)) {
            throw new IllegalArgumentException("not a valid " + (isGray() ? "gray" : "RGB") + " ICC profile for this picture");
        }
        return new Picture(width, height, planes, alpha, bitDepth, profile == null ? null : profile.clone());
    }

    /** A copy of the ICC profile the values are in, or null for sRGB (or gray) without a profile. */
    public byte[] iccProfile() {
        return icc == null ? null : icc.clone();
    }

    byte[] iccRef() {
        return icc;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Colour planes: 1 or 3 (alpha not counted). */
    public int channels() {
        return planes.length;
    }

    /** 8 or 16: the precision of the source file, and the default for writing. */
    public int bitDepth() {
        return bitDepth;
    }

    public boolean isGray() {
        return planes.length == 1;
    }

    public boolean hasAlpha() {
        return alpha != null;
    }

    /** A copy of colour plane {@code c}. */
    public float[] plane(int c) {
        return planes[c].clone();
    }

    /** Copies of all colour planes. */
    public float[][] planes() {
        return deepCopy(planes);
    }

    /** A copy of the alpha plane, or null. */
    public float[] alpha() {
        return alpha == null ? null : alpha.clone();
    }

    /** The colour value of plane {@code c} at column x, row y. */
    public float get(int c, int x, int y) {
        return planes[c][y * width + x];
    }

    float[] planeRef(int c) {
        return planes[c];
    }

    float[] alphaRef() {
        return alpha;
    }

    /**
     * A result picture of size w x h that keeps this picture's kind: the same channel count (3
     * planes for a gray picture are merged by {@link Channels#rgbToGray}, 1 plane for an RGB
     * picture is replicated), the same bit depth, and this alpha plane resized with
     * {@link Resize#bicubicPil} and clamped to [0,1] (bicubic overshoots at hard edges), and
     * the same ICC profile. The planes are copied.
     */
    public Picture withColor(float[][] newPlanes, int w, int h) {
        float[][] p;
        if (isGray() && newPlanes.length == 3) {
            p = new float[][] {Channels.rgbToGray(newPlanes)};
        } else if (!isGray() && newPlanes.length == 1) {
            p = Channels.grayToRgb(newPlanes[0]);
        } else {
            p = deepCopy(newPlanes);
        }
        return new Picture(w, h, p, resizedAlpha(w, h), bitDepth, icc);
    }

    private float[] resizedAlpha(int w, int h) {
        if (alpha == null) {
            return null;
        }
        if (w == width && h == height) {
            return alpha.clone();
        }
        float[] a = Resize.bicubicPil(alpha, width, height, w, h);
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.min(Math.max(a[i], 0f), 1f);
        }
        return a;
    }

    private static void checkLength(float[] p, long n) {
        if (p == null || p.length != n) {
            throw new IllegalArgumentException("plane has " + (p == null ? "no" : p.length)
                    + " values, expected " + n);
        }
    }

    private static float[][] deepCopy(float[][] planes) {
        float[][] out = new float[planes.length][];
        for (int c = 0; c < planes.length; c++) {
            out[c] = planes[c].clone();
        }
        return out;
    }

    @Override
    public String toString() {
        return width + "x" + height + (isGray() ? " gray" : " RGB") + (hasAlpha() ? "+alpha" : "")
                + " " + bitDepth + "-bit" + (icc == null ? "" : " with an ICC profile");
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Picture)) {
            return false;
        }
        Picture p = (Picture) o;
        return width == p.width && height == p.height && bitDepth == p.bitDepth
                && Arrays.deepEquals(planes, p.planes) && Arrays.equals(alpha, p.alpha) && Arrays.equals(icc, p.icc);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.deepHashCode(planes);
    }
}
