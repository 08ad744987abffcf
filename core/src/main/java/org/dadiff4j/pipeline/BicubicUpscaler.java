package org.dadiff4j.pipeline;

import org.dadiff4j.image.Picture;
import org.dadiff4j.image.Resize;

/** PIL-style bicubic interpolation: the paper's "Bicubic" row. */
public final class BicubicUpscaler implements Upscaler {

    private final int scale;

    public BicubicUpscaler(int scale) {
        this.scale = scale;
    }

    @Override
    public int scale() {
        return scale;
    }

    @Override
    public Picture upscale(Picture lr, long seed, ProgressListener progress) {
        int w = lr.width() * scale;
        int h = lr.height() * scale;
        float[][] planes = Resize.bicubicPil(lr.planes(), lr.width(), lr.height(), w, h);
        for (float[] p : planes) {
            clamp01(p);
        }
        progress.stepDone(1, 1);
        return lr.withColor(planes, w, h);
    }

    static void clamp01(float[] p) {
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.min(1f, Math.max(0f, p[i]));
        }
    }
}
