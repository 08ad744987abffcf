package org.dadiff4j.eval;

/**
 * Full-reference PSNR and SSIM as BasicSR computes them for the paper's tables
 * ({@code calculate_psnr}, {@code calculate_ssim}): on 8-bit values in float64, optionally on the
 * BT.601 Y channel and after removing a border. Images are {@code int[]} 0..255, interleaved HWC,
 * RGB (see {@link Pixels}).
 */
public final class Metrics {

    private static final int WIN = 11;
    private static final double[] GAUSS = gaussianKernel(WIN, 1.5);
    private static final double C1 = (0.01 * 255) * (0.01 * 255);
    private static final double C2 = (0.03 * 255) * (0.03 * 255);

    private Metrics() {}

    /**
     * @param cropBorder pixels removed from each side before measuring
     * @param yChannel measure the Y channel of {@link Pixels#luma} (the "test_y_channel" option)
     */
    public record Options(int cropBorder, boolean yChannel) {

        /** All channels, no crop. */
        public static final Options RGB = new Options(0, false);

        public Options {
            if (cropBorder < 0) {
                throw new IllegalArgumentException("crop border must be >= 0, got " + cropBorder);
            }
        }
    }

    /**
     * PSNR in dB, {@code 20·log10(255/√MSE)} (= 10·log10(255²/MSE)) over all measured values;
     * {@code +Infinity} for identical images, as BasicSR returns.
     */
    public static double psnr(int[] a, int[] b, int w, int h, int c, Options o) {
        double[][] pa = planes(a, w, h, c, o);
        double[][] pb = planes(b, w, h, c, o);
        double sum = 0;
        long n = 0;
        for (int ch = 0; ch < pa.length; ch++) {
            for (int i = 0; i < pa[ch].length; i++) {
                double d = pa[ch][i] - pb[ch][i];
                sum += d * d;
            }
            n += pa[ch].length;
        }
        double mse = sum / n;
        return mse == 0 ? Double.POSITIVE_INFINITY : 20 * Math.log10(255 / Math.sqrt(mse));
    }

    /**
     * SSIM (Wang et al. 2004) with an 11x11 Gaussian window (σ 1.5), K1 0.01, K2 0.03, L 255, over
     * the "valid" region (no padding: 5 pixels lost on each side), averaged over channels.
     */
    public static double ssim(int[] a, int[] b, int w, int h, int c, Options o) {
        int cw = w - 2 * o.cropBorder();
        int ch = h - 2 * o.cropBorder();
        if (cw < WIN || ch < WIN) {
            throw new IllegalArgumentException("SSIM needs at least 11x11 pixels after cropping, got " + cw + "x" + ch);
        }
        double[][] pa = planes(a, w, h, c, o);
        double[][] pb = planes(b, w, h, c, o);
        double total = 0;
        for (int k = 0; k < pa.length; k++) {
            total += ssimPlane(pa[k], pb[k], cw, ch);
        }
        return total / pa.length;
    }

    /** BasicSR's {@code _ssim}: Gaussian local statistics, SSIM map, its mean. */
    private static double ssimPlane(double[] x, double[] y, int w, int h) {
        int n = x.length;
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] mu1 = filterValid(x, w, h);
        double[] mu2 = filterValid(y, w, h);
        double[] e11 = filterValid(xx, w, h);
        double[] e22 = filterValid(yy, w, h);
        double[] e12 = filterValid(xy, w, h);
        double sum = 0;
        for (int i = 0; i < mu1.length; i++) {
            double m1sq = mu1[i] * mu1[i];
            double m2sq = mu2[i] * mu2[i];
            double m12 = mu1[i] * mu2[i];
            double s1 = e11[i] - m1sq;
            double s2 = e22[i] - m2sq;
            double s12 = e12[i] - m12;
            sum += ((2 * m12 + C1) * (2 * s12 + C2)) / ((m1sq + m2sq + C1) * (s1 + s2 + C2));
        }
        return sum / mu1.length;
    }

    /** Correlation with the separable Gaussian window where it fits entirely (size (h−10)x(w−10)). */
    private static double[] filterValid(double[] img, int w, int h) {
        int ow = w - WIN + 1;
        int oh = h - WIN + 1;
        double[] rows = new double[h * ow];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int j = 0; j < WIN; j++) {
                    s += GAUSS[j] * img[y * w + x + j];
                }
                rows[y * ow + x] = s;
            }
        }
        double[] out = new double[oh * ow];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int i = 0; i < WIN; i++) {
                    s += GAUSS[i] * rows[(y + i) * ow + x];
                }
                out[y * ow + x] = s;
            }
        }
        return out;
    }

    /** {@code cv2.getGaussianKernel(n, sigma)}: exp(−x²/2σ²) normalised to sum 1, in double. */
    static double[] gaussianKernel(int n, double sigma) {
        double[] k = new double[n];
        double scale2 = -0.5 / (sigma * sigma);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = i - (n - 1) * 0.5;
            k[i] = Math.exp(scale2 * x * x);
            sum += k[i];
        }
        for (int i = 0; i < n; i++) {
            k[i] *= 1.0 / sum;
        }
        return k;
    }

    /** The measured planes after the crop: the luma plane, or each channel, as float64. */
    static double[][] planes(int[] hwc, int w, int h, int c, Options o) {
        Pixels.checkShape(hwc, w, h, c);
        int b = o.cropBorder();
        int cw = w - 2 * b;
        int ch = h - 2 * b;
        if (cw <= 0 || ch <= 0) {
            throw new IllegalArgumentException("crop border " + b + " leaves nothing of a " + w + "x" + h + " image");
        }
        if (o.yChannel()) {
            float[] y = Pixels.luma(hwc, w, h, c);
            double[] p = new double[cw * ch];
            for (int r = 0; r < ch; r++) {
                for (int x = 0; x < cw; x++) {
                    p[r * cw + x] = y[(r + b) * w + x + b];
                }
            }
            return new double[][] {p};
        }
        double[][] p = new double[c][cw * ch];
        for (int r = 0; r < ch; r++) {
            for (int x = 0; x < cw; x++) {
                int src = ((r + b) * w + x + b) * c;
                for (int k = 0; k < c; k++) {
                    p[k][r * cw + x] = hwc[src + k];
                }
            }
        }
        return p;
    }
}
