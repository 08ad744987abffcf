package org.dadiff4j.degrade;

/**
 * Correlation with a kernel and reflect padding, the borders of {@code cv2.filter2D}
 * (BORDER_REFLECT_101) and of BasicSR's {@code filter2D} (torch reflect pad + conv2d).
 * Loops run along rows so that the JIT vectorises them (see {@link #axpy}); a kernel that is an outer product
 * (the isotropic Gaussian) is applied as two 1-D passes.
 */
public final class Filter {

    private Filter() {}

    /**
     * Border rings of a kernel that together weigh less than this are skipped: it changes outputs by
     * at most 1e-7 (of a [0, 1] range), far below 8-bit steps, and makes small kernels in large
     * windows cheap.
     */
    static final double NEGLIGIBLE = 1e-7;

    /** A new image: every channel correlated with {@code kernel}. */
    public static Planes apply(Planes in, Kernel kernel) {
        Kernel k = kernel.trim(NEGLIGIBLE);
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
        int n = s * s;
        int pw = w + s - 1;
        // Point-symmetric kernels (all of ours) pair tap t with tap n-1-t: half the multiplications.
        boolean symmetric = true;
        for (int t = 0; t < n / 2; t++) {
            symmetric &= k.w[t] == k.w[n - 1 - t];
        }
        float[] out = new float[w * h];
        float[] acc = new float[w];
        float[] a = new float[w];
        float[] b = new float[w];
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(acc, 0f);
            for (int t = 0; t < (symmetric ? n / 2 + 1 : n); t++) {
                System.arraycopy(padded, (y + t / s) * pw + t % s, a, 0, w);
                int m = n - 1 - t;
                if (symmetric && m != t) {
                    System.arraycopy(padded, (y + m / s) * pw + m % s, b, 0, w);
                    axpy2(acc, a, b, k.w[t]);
                } else {
                    axpy(acc, a, k.w[t]);
                }
            }
            System.arraycopy(acc, 0, out, y * w, w);
        }
        return out;
    }

    private static float[] separable(float[] padded, int w, int h, float[] col, float[] row) {
        int s = row.length;
        int pw = w + s - 1;
        float[][] tmp = new float[h + s - 1][w];
        float[] src = new float[w];
        for (int y = 0; y < tmp.length; y++) {
            for (int kx = 0; kx < s; kx++) {
                System.arraycopy(padded, y * pw + kx, src, 0, w);
                axpy(tmp[y], src, row[kx]);
            }
        }
        float[] out = new float[w * h];
        float[] acc = new float[w];
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(acc, 0f);
            for (int ky = 0; ky < s; ky++) {
                axpy(acc, tmp[y + ky], col[ky]);
            }
            System.arraycopy(acc, 0, out, y * w, w);
        }
        return out;
    }

    /**
     * {@code acc += a * x}. Both arrays are indexed from 0 on purpose: HotSpot (17) does not vectorise
     * a loop that stores to one array and loads from another at a different offset, since they might
     * alias; copying the shifted source row first is four times faster.
     */
    static void axpy(float[] acc, float[] x, float a) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += a * x[i];
        }
    }

    /** {@code acc += a * (x + z)}. */
    private static void axpy2(float[] acc, float[] x, float[] z, float a) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] += a * (x[i] + z[i]);
        }
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
