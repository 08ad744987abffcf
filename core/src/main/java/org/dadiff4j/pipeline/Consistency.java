package org.dadiff4j.pipeline;

import org.dadiff4j.image.Picture;
import org.dadiff4j.image.Resize;

/**
 * How faithful an output is to its input: the output reduced back to the input size (PIL-style
 * bicubic with antialiasing) against the input, as a PSNR in dB over [0,1] values.
 */
public final class Consistency {

    private Consistency() {}

    /** PSNR(downscale(hr), lr) in dB; infinite for a perfect match. */
    public static double psnr(Picture hr, Picture lr) {
        float[][] down = Resize.bicubicPil(hr.planes(), hr.width(), hr.height(), lr.width(), lr.height());
        double se = 0;
        long n = 0;
        for (int c = 0; c < lr.channels(); c++) {
            float[] a = lr.plane(c);
            float[] b = down[Math.min(c, down.length - 1)];
            for (int i = 0; i < a.length; i++) {
                double d = a[i] - Math.min(1f, Math.max(0f, b[i]));
                se += d * d;
                n++;
            }
        }
        return se == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(n / se);
    }
}
