package org.dadiff4j.degrade;

/**
 * Correlation with a kernel and reflect padding, the borders of {@code cv2.filter2D}
 * (BORDER_REFLECT_101) and of BasicSR's {@code filter2D} (torch reflect pad + conv2d).
 * Loops run along rows so that the JIT vectorises them; a kernel that is an outer product
 * (the isotropic Gaussian) is applied as two 1-D passes.
 */
public final class Filter {

    private Filter() {}

    /** A new image: every channel correlated with {@code kernel}. */
    public static Planes apply(Planes in, Kernel kernel) {
        Kernel k = kernel.trim();
        if (k.size == 1) {
            Planes out = in.copy();
            for (float[] p : out.c) {
                for (int i = 0; i < p.length; i++) {
                    p[i] *= k.w[0];
                }
            }
            return out;
        }
        float[][] sep = separate(k);
        float[][] out = new float[in.channels()][];
        for (int ch = 0; ch < in.channels(); ch++) {
            float[] padded = pad(in.c[ch], in.width, in.height, k.size / 2);
            out[ch] = sep != null
                    ? separable(padded, in.width, in.height, sep[0], sep[1])
                    : full(padded, in.width, in.height, k);
        }
        return new Planes(in.width, in.height, out);
    }

    /** Index {@code i} reflected into [0, n) without repeating the edge (…2 1 | 0 1 2 … n-1 | n-2 …). */
    static int reflect101(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    private static float[] pad(float[] p, int w, int h, int r) {
        int pw = w + 2 * r;
        float[] out = new float[pw * (h + 2 * r)];
        for (int y = 0; y < h + 2 * r; y++) {
            int sy = reflect101(y - r, h) * w;
            int o = y * pw;
            for (int x = 0; x < r; x++) {
                out[o + x] = p[sy + reflect101(x - r, w)];
                out[o + r + w + x] = p[sy + reflect101(w + x, w)];
            }
            System.arraycopy(p, sy, out, o + r, w);
        }
        return out;
    }

    private static float[] full(float[] padded, int w, int h, Kernel k) {
        int s = k.size;
        int pw = w + s - 1;
        float[] out = new float[w * h];
        float[] acc = new float[w];
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(acc, 0f);
            for (int ky = 0; ky < s; ky++) {
                int row = (y + ky) * pw;
                for (int kx = 0; kx < s; kx++) {
                    float wv = k.w[ky * s + kx];
                    int o = row + kx;
                    for (int x = 0; x < w; x++) {
                        acc[x] += wv * padded[o + x];
                    }
                }
            }
            System.arraycopy(acc, 0, out, y * w, w);
        }
        return out;
    }

    private static float[] separable(float[] padded, int w, int h, float[] col, float[] row) {
        int s = row.length;
        int pw = w + s - 1;
        int ph = h + s - 1;
        float[] tmp = new float[w * ph];
        for (int y = 0; y < ph; y++) {
            int o = y * w;
            for (int kx = 0; kx < s; kx++) {
                float wv = row[kx];
                int src = y * pw + kx;
                for (int x = 0; x < w; x++) {
                    tmp[o + x] += wv * padded[src + x];
                }
            }
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            int o = y * w;
            for (int ky = 0; ky < s; ky++) {
                float wv = col[ky];
                int src = (y + ky) * w;
                for (int x = 0; x < w; x++) {
                    out[o + x] += wv * tmp[src + x];
                }
            }
        }
        return out;
    }

    /** {@code {col, row}} with {@code k = col * row^T}, or null when the kernel is not rank one. */
    private static float[][] separate(Kernel k) {
        int s = k.size;
        int c = s / 2;
        double centre = k.at(c, c);
        if (centre <= 0) {
            return null;
        }
        float max = 0;
        for (float v : k.w) {
            max = Math.max(max, Math.abs(v));
        }
        float[] col = new float[s];
        float[] row = new float[s];
        for (int i = 0; i < s; i++) {
            col[i] = (float) (k.at(i, c) / centre);
            row[i] = k.at(c, i);
        }
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                if (Math.abs(col[y] * row[x] - k.at(y, x)) > 1e-6f * max) {
                    return null;
                }
            }
        }
        return new float[][] {col, row};
    }
}
