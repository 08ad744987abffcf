package org.dadiff4j.data;

import org.dadiff4j.degrade.Planes;

/** The eight flips and 90-degree rotations of a square-grid image (the dihedral group D4). */
public final class Augment {

    private Augment() {}

    /**
     * Transform {@code t} in 0..7: bit 0 flips left-right, bit 1 flips top-bottom, bit 2 transposes
     * (applied last). 0 is the identity; 5 and 6 are the two quarter turns.
     */
    public static Planes dihedral(Planes in, int t) {
        if (t < 0 || t > 7) {
            throw new IllegalArgumentException("dihedral transform must be 0..7, got " + t);
        }
        boolean flipX = (t & 1) != 0;
        boolean flipY = (t & 2) != 0;
        boolean transpose = (t & 4) != 0;
        int w = in.width;
        int h = in.height;
        int ow = transpose ? h : w;
        int oh = transpose ? w : h;
        Planes out = Planes.zeros(ow, oh, in.channels());
        for (int ch = 0; ch < in.channels(); ch++) {
            float[] src = in.c[ch];
            float[] dst = out.c[ch];
            for (int y = 0; y < h; y++) {
                int sy = flipY ? h - 1 - y : y;
                for (int x = 0; x < w; x++) {
                    int sx = flipX ? w - 1 - x : x;
                    int d = transpose ? x * ow + y : y * ow + x;
                    dst[d] = src[sy * w + sx];
                }
            }
        }
        return out;
    }
}
