package org.dadiff4j.pipeline;

/**
 * Reflect padding of float planes to any size. Pads larger than the image mirror again (period
 * 2(n-1)), so a small input can be brought up to a prior's native size.
 */
final class Padding {

    private Padding() {}

    /** {@code planes} (w x h) reflect-padded on the right and bottom to (outW x outH). */
    static float[][] reflect(float[][] planes, int w, int h, int outW, int outH) {
        int[] xs = indices(w, outW);
        int[] ys = indices(h, outH);
        float[][] out = new float[planes.length][outW * outH];
        for (int c = 0; c < planes.length; c++) {
            float[] src = planes[c];
            float[] dst = out[c];
            for (int y = 0; y < outH; y++) {
                int row = ys[y] * w;
                for (int x = 0; x < outW; x++) {
                    dst[y * outW + x] = src[row + xs[x]];
                }
            }
        }
        return out;
    }

    /** The top-left (w x h) window of (inW x inH) planes. */
    static float[][] crop(float[][] planes, int inW, int w, int h) {
        float[][] out = new float[planes.length][w * h];
        for (int c = 0; c < planes.length; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(planes[c], y * inW, out[c], y * w, w);
            }
        }
        return out;
    }

    /** Source index for each of {@code out} positions, mirroring at the edges without repeating them. */
    static int[] indices(int n, int out) {
        int[] idx = new int[out];
        int period = Math.max(1, 2 * (n - 1));
        for (int i = 0; i < out; i++) {
            int m = n == 1 ? 0 : i % period;
            idx[i] = m < n ? m : period - m;
        }
        return idx;
    }
}
