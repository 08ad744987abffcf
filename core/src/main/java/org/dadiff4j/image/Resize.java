package org.dadiff4j.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.dadiff4j.nn.BilinearTaps;

/**
 * Resizing of row-major float planes that reproduces two references exactly: PIL's
 * {@code Image.resize(BICUBIC)} on mode "F" images (how DADiff's data loaders resize), and
 * PyTorch's {@code F.interpolate(mode='bilinear', align_corners=False)} in float32 (how the
 * sampler builds LD_LQ from the LR input).
 */
public final class Resize {

    private static final double CUBIC_A = -0.5;
    private static final double CUBIC_SUPPORT = 2.0;

    private Resize() {}

    /**
     * PIL bicubic (a = -0.5), antialiased when shrinking: the kernel is stretched by the downscale
     * factor, clipped to the image and renormalised. Horizontal pass first, then vertical; each
     * pass sums in double and stores float32, as PIL's 32-bit path does.
     */
    public static float[] bicubicPil(float[] src, int width, int height, int outWidth, int outHeight) {
        checkPlane(src, width, height, outWidth, outHeight);
        float[] img = src;
        if (outWidth != width) {
            img = horizontal(img, width, height, coefficients(width, outWidth), outWidth);
        }
        if (outHeight != height) {
            img = vertical(img, outWidth, coefficients(height, outHeight), outHeight);
        }
        return img == src ? src.clone() : img;
    }

    /** {@link #bicubicPil(float[], int, int, int, int)} for every plane. */
    public static float[][] bicubicPil(float[][] planes, int width, int height, int outWidth, int outHeight) {
        float[][] out = new float[planes.length][];
        for (int c = 0; c < planes.length; c++) {
            out[c] = bicubicPil(planes[c], width, height, outWidth, outHeight);
        }
        return out;
    }

    /**
     * PyTorch bilinear, align_corners=False, no antialias, bit-exact in float32: source index
     * max(scale*(d+0.5)-0.5, 0) with scale = in/out in float32, neighbours clamped at the edge,
     * each row blended first, then the two rows, with the fused multiply-adds PyTorch's CPU kernel uses.
     */
    public static float[] bilinearTorch(float[] src, int width, int height, int outWidth, int outHeight) {
        checkPlane(src, width, height, outWidth, outHeight);
        return bilinearTorch(src, width, BilinearTaps.ofSize(width, outWidth), BilinearTaps.ofSize(height, outHeight));
    }

    /**
     * {@link #bilinearTorch(float[], int, int, int, int)} with given taps, e.g. those of
     * {@code scale_factor} semantics ({@link BilinearTaps#ofFactor}); the output is
     * {@code tx.size() x ty.size()}.
     */
    public static float[] bilinearTorch(float[] src, int width, BilinearTaps tx, BilinearTaps ty) {
        int outWidth = tx.size();
        int outHeight = ty.size();
        float[] out = new float[outWidth * outHeight];
        for (int y = 0; y < outHeight; y++) {
            int row0 = ty.index0(y) * width;
            int row1 = ty.index1(y) * width;
            float w0 = ty.weight0(y);
            float w1 = ty.weight1(y);
            for (int x = 0; x < outWidth; x++) {
                int a = tx.index0(x);
                int b = tx.index1(x);
                float l0 = tx.weight0(x);
                float l1 = tx.weight1(x);
                float r0 = Math.fma(src[row0 + a], l0, src[row0 + b] * l1);
                float r1 = Math.fma(src[row1 + a], l0, src[row1 + b] * l1);
                out[y * outWidth + x] = Math.fma(r0, w0, r1 * w1);
            }
        }
        return out;
    }

    /** {@link #bilinearTorch(float[], int, int, int, int)} for every plane. */
    public static float[][] bilinearTorch(float[][] planes, int width, int height, int outWidth, int outHeight) {
        float[][] out = new float[planes.length][];
        for (int c = 0; c < planes.length; c++) {
            out[c] = bilinearTorch(planes[c], width, height, outWidth, outHeight);
        }
        return out;
    }

    /** {@code F.interpolate(x, (outHeight, outWidth), mode='bilinear', align_corners=False)} for NCHW float32. */
    public static NDArray bilinearTorch(NDArray nchw, int outHeight, int outWidth) {
        return perPlane(nchw, outHeight, outWidth, false);
    }

    /** PIL bicubic applied to each HxW plane of an NCHW float32 array. */
    public static NDArray bicubicPil(NDArray nchw, int outHeight, int outWidth) {
        return perPlane(nchw, outHeight, outWidth, true);
    }

    private static NDArray perPlane(NDArray nchw, int outHeight, int outWidth, boolean bicubic) {
        Shape s = nchw.getShape();
        if (s.dimension() != 4 || nchw.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("expected NCHW float32, got " + s + " " + nchw.getDataType());
        }
        int planes = Math.toIntExact(s.get(0) * s.get(1));
        int h = Math.toIntExact(s.get(2));
        int w = Math.toIntExact(s.get(3));
        float[] in = nchw.toFloatArray();
        float[] out = new float[planes * outHeight * outWidth];
        float[] plane = new float[h * w];
        for (int p = 0; p < planes; p++) {
            System.arraycopy(in, p * h * w, plane, 0, h * w);
            float[] r = bicubic
                    ? bicubicPil(plane, w, h, outWidth, outHeight)
                    : bilinearTorch(plane, w, h, outWidth, outHeight);
            System.arraycopy(r, 0, out, p * outHeight * outWidth, r.length);
        }
        return nchw.getManager().create(out, new Shape(s.get(0), s.get(1), outHeight, outWidth));
    }

    /** Weight of the a = -0.5 cubic convolution kernel at distance x. */
    static double cubic(double x) {
        x = Math.abs(x);
        if (x < 1.0) {
            return ((CUBIC_A + 2.0) * x - (CUBIC_A + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * CUBIC_A;
        }
        return 0.0;
    }

    /** Per output index: first source index and normalised weights (PIL's precompute_coeffs). */
    static final class Coefficients {
        final int[] start;
        final double[][] weights;

        Coefficients(int[] start, double[][] weights) {
            this.start = start;
            this.weights = weights;
        }
    }

    static Coefficients coefficients(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = CUBIC_SUPPORT * filterScale;
        int[] start = new int[outSize];
        double[][] weights = new double[outSize][];
        for (int o = 0; o < outSize; o++) {
            double center = (o + 0.5) * scale;
            double ss = 1.0 / filterScale;
            // (int) truncates toward zero like PIL's C cast; the clamp then handles the left edge.
            int min = Math.max((int) (center - support + 0.5), 0);
            int max = Math.min((int) (center + support + 0.5), inSize) - min;
            double[] k = new double[max];
            double sum = 0.0;
            for (int i = 0; i < max; i++) {
                k[i] = cubic((i + min - center + 0.5) * ss);
                sum += k[i];
            }
            if (sum != 0.0) {
                for (int i = 0; i < max; i++) {
                    k[i] /= sum;
                }
            }
            start[o] = min;
            weights[o] = k;
        }
        return new Coefficients(start, weights);
    }

    private static float[] horizontal(float[] src, int width, int height, Coefficients c, int outWidth) {
        float[] out = new float[outWidth * height];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < outWidth; x++) {
                double[] k = c.weights[x];
                int s = row + c.start[x];
                double acc = 0.0;
                for (int i = 0; i < k.length; i++) {
                    acc += src[s + i] * k[i];
                }
                out[y * outWidth + x] = (float) acc;
            }
        }
        return out;
    }

    private static float[] vertical(float[] src, int width, Coefficients c, int outHeight) {
        float[] out = new float[width * outHeight];
        for (int y = 0; y < outHeight; y++) {
            double[] k = c.weights[y];
            int s = c.start[y];
            for (int x = 0; x < width; x++) {
                double acc = 0.0;
                for (int i = 0; i < k.length; i++) {
                    acc += src[(s + i) * width + x] * k[i];
                }
                out[y * width + x] = (float) acc;
            }
        }
        return out;
    }

    private static void checkPlane(float[] src, int width, int height, int outWidth, int outHeight) {
        if (width <= 0 || height <= 0 || outWidth <= 0 || outHeight <= 0) {
            throw new IllegalArgumentException("sizes must be positive: " + width + "x" + height
                    + " -> " + outWidth + "x" + outHeight);
        }
        if (src.length != width * height) {
            throw new IllegalArgumentException("plane has " + src.length + " values, expected " + width * height);
        }
    }
}
