package org.dadiff4j.degrade.operator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import org.dadiff4j.DadiffException;

/**
 * A = s x s average pooling with stride s (DDNM's {@code sr_averagepooling}); A-dagger = patch
 * replication (nearest upsampling by s), for which A A-dagger is the identity.
 *
 * <p>Pooling is PyTorch's {@code avg_pool2d}, which on the CPU sums each block row by row into a
 * float32 accumulator and divides by s*s: the recipe the reference data was made with.
 */
public final class AveragePool implements LinearOperator {

    private final int scale;

    public AveragePool(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + scale);
        }
        this.scale = scale;
    }

    /** The factor s. */
    public int scale() {
        return scale;
    }

    @Override
    public NDArray apply(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(2) % scale != 0 || s.get(3) % scale != 0) {
            throw new DadiffException("average pool x" + scale + ": image " + s
                    + " is not NCHW with height and width multiples of " + scale);
        }
        Shape k = new Shape(scale, scale);
        return Pool.avgPool2d(x, k, k, new Shape(0, 0), false, true);
    }

    @Override
    public NDArray pinv(NDArray y) {
        try (NDArray rows = y.repeat(2, scale)) {
            return rows.repeat(3, scale);
        }
    }
}
