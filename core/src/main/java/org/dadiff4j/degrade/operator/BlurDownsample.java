package org.dadiff4j.degrade.operator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dadiff4j.DadiffException;
import org.dadiff4j.degrade.Kernel;
import org.dadiff4j.nn.Scopes;

/**
 * A = blur with a k x k kernel, then keep every s-th pixel, on a periodic image:
 *
 * <pre>
 * (A x)[i, j] = sum_{a,b} K[a, b] * x[(s i + o + a) mod H, (s j + o + b) mod W],   o = phase + floor((s - k) / 2)
 * </pre>
 *
 * K is applied as a correlation, like {@code degrade.Filter} and PyTorch's conv2d. <b>Alignment:</b>
 * with phase 0 the kernel's centre sits on the centre of the s x s block that LR pixel (i, j)
 * covers, rounded down to a whole pixel when s and k differ in parity; so the box kernel of size s
 * gives exactly {@link AveragePool}. <b>Boundary:</b> periodic (circular). It is further from the
 * data than the reflect padding of the degradation pipeline, but only within k/2 pixels of the
 * border, and it makes A A^T a convolution on the LR grid and the adjoint exact, so A-dagger is the
 * true pseudo-inverse of the operator that {@link #apply} computes.
 *
 * <p>A-dagger is applied exactly, never as a dense matrix of the 2-D operator:
 * <ul>
 *   <li>separable kernels (K = u v^T up to a tolerance, from an SVD of K): A = A_v (x) A_h, so
 *       A-dagger y = A_v^+ Y A_h^+^T with each 1-D pseudo-inverse (H x H/s) from the SVD of its
 *       (H/s x H) matrix, computed once per size in double;</li>
 *   <li>other kernels: conjugate gradients (the conjugate-residual variant) on (A A^T) z = y in
 *       float64, one independent run per image plane, then A-dagger y = A^T z, the minimum-norm
 *       solution. A A^T is applied as a
 *       (2 floor((k-1)/s) + 1)^2 periodic convolution on the LR grid (the kernel's autocorrelation at
 *       lags that are multiples of s), so an iteration costs little more than the LR image.</li>
 * </ul>
 * Wide blurs with large s make A A^T ill-conditioned (its eigenvalues follow |K^(w)|^2 near the
 * LR Nyquist frequency), so CG may stop at the iteration cap; fewer iterations or a larger
 * {@code rcond} then act as regularisation, which is what noisy measurements want anyway.
 */
public final class BlurDownsample implements LinearOperator {

    /** How A-dagger is computed. */
    public enum Route {
        /** SVD for separable kernels, CG otherwise. */
        AUTO,
        /** Per-axis SVD; the kernel must be separable. */
        SVD,
        /** Conjugate gradients on the normal equations. */
        CG
    }

    private final int size;
    private final float[] weights;
    private final int scale;
    private final int phase;
    private final int offset;
    private final Route route;
    private final double[] vertical;
    private final double[] horizontal;
    private final double rcond;
    private final double tolerance;
    private final int maxIterations;
    private final int gramRadius;
    private final double[] gram;
    private final double gramNorm;
    private final Map<Long, float[]> axisPinv = new ConcurrentHashMap<>();
    private volatile int lastIterations;

    private BlurDownsample(Builder b) {
        size = b.size;
        weights = b.weights.clone();
        scale = b.scale;
        phase = b.phase;
        offset = phase + Math.floorDiv(scale - size, 2);
        rcond = b.rcond;
        tolerance = b.tolerance;
        maxIterations = b.maxIterations;
        double[][] factors = separate(b.separableTolerance);
        vertical = factors == null ? null : factors[0];
        horizontal = factors == null ? null : factors[1];
        if (b.route == Route.SVD && factors == null) {
            throw new IllegalArgumentException("the SVD route needs a separable kernel");
        }
        route = b.route == Route.AUTO ? (factors != null ? Route.SVD : Route.CG) : b.route;
        gramRadius = (size - 1) / scale;
        gram = gramKernel();
        double norm = 0;
        for (double c : gram) {
            norm += Math.abs(c);
        }
        gramNorm = norm;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The operator of {@code kernel} at {@code scale} with every default. */
    public static BlurDownsample of(Kernel kernel, int scale) {
        return builder().setKernel(kernel).setScale(scale).build();
    }

    public int scale() {
        return scale;
    }

    public int phase() {
        return phase;
    }

    public int kernelSize() {
        return size;
    }

    /** The kernel, row-major k x k (a copy). */
    public float[] kernel() {
        return weights.clone();
    }

    /** True when K was found to be rank 1. */
    public boolean isSeparable() {
        return vertical != null;
    }

    /** The route {@link #pinv} takes (SVD or CG). */
    public Route route() {
        return route;
    }

    /** CG iterations of the most recent {@link #pinv} on this operator (0 on the SVD route), for diagnostics. */
    public int lastIterations() {
        return lastIterations;
    }

    @Override
    public NDArray apply(NDArray x) {
        Shape s = checked(x, 1);
        long h = s.get(2) / scale;
        long w = s.get(3) / scale;
        return Scopes.keep(() -> {
            NDArray k = kernelArray(x.getManager(), weights, x.getDataType());
            return Circular.correlate(planes(x), k, offset, scale, h, w).reshape(s.get(0), s.get(1), h, w);
        });
    }

    /** A^T y: zero-insertion upsampling by s, then periodic correlation with the flipped kernel. */
    public NDArray adjoint(NDArray y) {
        Shape s = checked(y, scale);
        long h = s.get(2);
        long w = s.get(3);
        return Scopes.keep(() -> {
            float[] flipped = new float[weights.length];
            for (int i = 0; i < weights.length; i++) {
                flipped[i] = weights[weights.length - 1 - i];
            }
            NDArray k = kernelArray(y.getManager(), flipped, y.getDataType());
            NDArray z = y.reshape(s.get(0) * s.get(1), h, 1, w, 1)
                    .pad(new Shape(0, scale - 1, 0, 0, 0, scale - 1), 0)
                    .reshape(s.get(0) * s.get(1), 1, h * scale, w * scale);
            return Circular.correlate(z, k, -offset - (size - 1), 1, h * scale, w * scale)
                    .reshape(s.get(0), s.get(1), h * scale, w * scale);
        });
    }

    @Override
    public NDArray pinv(NDArray y) {
        checked(y, scale);
        return route == Route.SVD ? separablePinv(y) : conjugateGradients(y);
    }

    private NDArray separablePinv(NDArray y) {
        Shape s = y.getShape();
        long h = s.get(2);
        long w = s.get(3);
        lastIterations = 0;
        return Scopes.keep(() -> {
            NDManager m = y.getManager();
            NDArray pv = m.create(axisPinv(vertical, (int) h * scale, 0), new Shape(h * scale, h));
            NDArray phT = m.create(axisPinv(horizontal, (int) w * scale, 1), new Shape(w * scale, w)).transpose();
            NDArray out = pv.matMul(y.toType(DataType.FLOAT32, false).reshape(s.get(0) * s.get(1), h, w)).matMul(phT);
            return out.reshape(s.get(0), s.get(1), h * scale, w * scale).toType(y.getDataType(), false);
        });
    }

    /**
     * Conjugate residuals (CG in the A A^T inner product), one run per image plane: it minimises
     * ||y - A A^T z|| over the Krylov space, so it also settles when A A^T is singular and y has a
     * part outside its range, where plain CG diverges. Any least-squares z gives the same A^T z.
     */
    private NDArray conjugateGradients(NDArray y) {
        Shape s = y.getShape();
        int planes = (int) (s.get(0) * s.get(1));
        return Scopes.keep(() -> {
            NDManager m = y.getManager();
            NDArray g = m.create(gram, new Shape(1, 1, 2 * gramRadius + 1, 2 * gramRadius + 1));
            NDArray r = planes(y).toType(DataType.FLOAT64, true);
            double[] bb = planeDots(r, r);
            NDArray z = r.zerosLike();
            NDArray ar = normal(r, g, s);
            NDArray p = r.duplicate();
            NDArray ap = ar.duplicate();
            double[] rar = planeDots(r, ar);
            int it = 0;
            while (it < maxIterations) {
                try (NDScope step = new NDScope()) {
                    double[] alpha = ratios(rar, planeDots(ap, ap));
                    NDArray a = m.create(alpha, new Shape(planes, 1, 1, 1));
                    z.addi(p.mul(a));
                    r.subi(ap.mul(a));
                    ar.close();
                    ar = normal(r, g, s);
                    NDScope.unregister(ar);
                    double[] next = planeDots(r, ar);
                    NDArray beta = m.create(ratios(next, rar), new Shape(planes, 1, 1, 1));
                    p.muli(beta).addi(r);
                    ap.muli(beta).addi(ar);
                    rar = next;
                    it++;
                    if (converged(planeDots(r, r), planeDots(ar, ar), bb)) {
                        break;
                    }
                }
            }
            NDScope.register(ar);
            lastIterations = it;
            return adjoint(z.reshape(s).toType(y.getDataType(), false));
        });
    }

    /** A A^T z for planes [B, 1, h, w]. */
    private NDArray normal(NDArray z, NDArray g, Shape lr) {
        return Circular.correlate(z, g, -gramRadius, 1, lr.get(2), lr.get(3));
    }

    private static double[] ratios(double[] num, double[] den) {
        double[] q = new double[num.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = den[i] > 0 ? num[i] / den[i] : 0;
        }
        return q;
    }

    /**
     * Every plane either fits y within the tolerance, or its residual r is orthogonal to the range:
     * ||A A^T r|| <= tol * ||A A^T|| * ||r||, with sum |c| bounding the norm. Directions where A A^T
     * is below tol times its norm thereby count as null space (as rcond = sqrt(tol) would on the
     * singular values of A).
     */
    private boolean converged(double[] rr, double[] arar, double[] bb) {
        double t2 = tolerance * tolerance;
        for (int i = 0; i < rr.length; i++) {
            if (rr[i] > t2 * bb[i] && arar[i] > t2 * gramNorm * gramNorm * rr[i]) {
                return false;
            }
        }
        return true;
    }

    private static double[] planeDots(NDArray a, NDArray b) {
        try (NDArray prod = a.mul(b); NDArray sum = prod.sum(new int[] {1, 2, 3})) {
            return sum.toDoubleArray();
        }
    }

    private static NDArray planes(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0) * s.get(1), 1, s.get(2), s.get(3));
    }

    private NDArray kernelArray(NDManager m, float[] k, DataType type) {
        return m.create(k, new Shape(1, 1, size, size)).toType(type, false);
    }

    /**
     * The shape of x, checked to be NCHW with an HR size ({@code factor} times x's) that is a
     * multiple of s and at least k: the periodic model needs the kernel to fit the image once.
     */
    private Shape checked(NDArray x, int factor) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || factor == 1 && (s.get(2) % scale != 0 || s.get(3) % scale != 0)
                || s.get(2) * factor < size || s.get(3) * factor < size) {
            String what = factor == 1 ? "image " + s + " is not NCHW with height and width multiples of " + scale + " and"
                    : "LR image " + s + " is not NCHW or its HR size is not";
            throw new DadiffException("blur-downsample x" + scale + ": " + what + " at least the kernel size " + size);
        }
        return s;
    }

    /** Vertical and horizontal taps when K is rank 1 within the tolerance (sigma_2 <= tol sigma_1), else null. */
    private double[][] separate(double tol) {
        double[][] k = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                k[i][j] = weights[i * size + j];
            }
        }
        Svd svd = Svd.of(k);
        double s1 = svd.values[0];
        double s2 = size > 1 ? svd.values[1] : 0;
        return s1 == 0 || s2 > tol * s1 ? null : svd.rankOne();
    }

    /** c(dy, dx) = sum_{a,b} K[a,b] K[a + s dy, b + s dx] for |dy|, |dx| <= floor((k-1)/s). */
    private double[] gramKernel() {
        int n = 2 * gramRadius + 1;
        double[] c = new double[n * n];
        for (int dy = -gramRadius; dy <= gramRadius; dy++) {
            for (int dx = -gramRadius; dx <= gramRadius; dx++) {
                double sum = 0;
                for (int a = Math.max(0, -scale * dy); a < Math.min(size, size - scale * dy); a++) {
                    for (int b = Math.max(0, -scale * dx); b < Math.min(size, size - scale * dx); b++) {
                        sum += (double) weights[a * size + b] * weights[(a + scale * dy) * size + b + scale * dx];
                    }
                }
                c[(dy + gramRadius) * n + dx + gramRadius] = sum;
            }
        }
        return c;
    }

    /** The pseudo-inverse (n x n/s, row-major) of one axis's operator, cached per length. */
    private float[] axisPinv(double[] taps, int n, int axis) {
        return axisPinv.computeIfAbsent(((long) n << 1) | axis, key -> axisPseudoInverse(taps, n));
    }

    /** M^+ from the SVD of M (n x n/s, row-major). */
    private float[] axisPseudoInverse(double[] taps, int n) {
        int m = n / scale;
        double[][] mat = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int a = 0; a < size; a++) {
                mat[i][Math.floorMod(scale * i + offset + a, n)] += taps[a];
            }
        }
        return Svd.of(mat).pseudoInverse(rcond);
    }

    /** Settings; {@code set*} are required, {@code opt*} optional. */
    public static final class Builder {
        private int size;
        private float[] weights;
        private int scale;
        private int phase;
        private Route route = Route.AUTO;
        private double separableTolerance = 1e-5;
        private double rcond = 1e-6;
        private double tolerance = 1e-6;
        private int maxIterations = 1000;

        private Builder() {}

        public Builder setKernel(Kernel kernel) {
            return setKernel(kernel.size, kernel.w);
        }

        /** A square kernel of any size (an even one too, like the box of {@link AveragePool}), row-major. */
        public Builder setKernel(int size, float[] weights) {
            if (size < 1 || weights.length != size * size) {
                throw new IllegalArgumentException("a kernel of size " + size + " needs size^2 weights, got " + weights.length);
            }
            this.size = size;
            this.weights = weights.clone();
            return this;
        }

        public Builder setScale(int scale) {
            this.scale = scale;
            return this;
        }

        /** Whole-pixel shift of the sampling grid (default 0, the block-centred alignment). */
        public Builder optPhase(int phase) {
            this.phase = phase;
            return this;
        }

        public Builder optRoute(Route route) {
            this.route = route;
            return this;
        }

        /** K counts as separable when sigma_2 <= tol * sigma_1 (default 1e-5, about float32 rounding of K). */
        public Builder optSeparableTolerance(double tol) {
            this.separableTolerance = tol;
            return this;
        }

        /** SVD route: singular values below rcond * sigma_max count as zero (default 1e-6). */
        public Builder optRcond(double rcond) {
            this.rcond = rcond;
            return this;
        }

        /** CG route: stop when every plane's residual norm is below tol * its norm of y (default 1e-6). */
        public Builder optTolerance(double tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        /** CG route: iteration cap (default 1000). */
        public Builder optMaxIterations(int maxIterations) {
            this.maxIterations = maxIterations;
            return this;
        }

        public BlurDownsample build() {
            if (weights == null || scale < 1) {
                throw new IllegalArgumentException("blur-downsample needs a kernel and a scale >= 1");
            }
            if (!(rcond >= 0) || !(tolerance >= 0) || maxIterations < 0 || !(separableTolerance >= 0)) {
                throw new IllegalArgumentException("bad blur-downsample settings: rcond " + rcond + ", tolerance "
                        + tolerance + ", iterations " + maxIterations + ", separable tolerance " + separableTolerance);
            }
            return new BlurDownsample(this);
        }
    }
}
