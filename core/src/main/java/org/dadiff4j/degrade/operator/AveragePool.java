package org.dadiff4j.degrade.operator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import org.dadiff4j.DadiffException;

/**
 * A = s x s average pooling with stride s (DDNM's {@code sr_averagepooling}); A-dagger = patch
 * replication (nearest upsampling by s), for which A A-dagger is the identity.
 *
 * <p>Two summation orders, because the order decides whether the identities hold exactly:
 * <ul>
 *   <li>{@link #AveragePool(int)}: for s a power of two, each block is summed as a balanced tree
 *       (neighbours pairwise, then the pair sums, ...) and scaled by 1/s^2. Adding two equal floats
 *       and scaling by a power of two are exact, so A A-dagger y = y and A A-dagger A = A hold
 *       bit for bit. Other s fall back to the row-major order.</li>
 *   <li>{@link #torch(int)}: PyTorch's {@code avg_pool2d} on the CPU, which sums each block row by
 *       row into a float32 accumulator and divides by s^2: the recipe of the reference data. Summing
 *       s^2 equal values one after another rounds for s >= 4 (3v, 5v, ... are not all
 *       representable), so there the identities hold only to a few ulps.</li>
 * </ul>
 */
public final class AveragePool implements LinearOperator {

    private final int scale;
    private final boolean pairwise;

    /** Pooling with exact identities (pairwise sums for power-of-two factors). */
    public AveragePool(int scale) {
        this(scale, Integer.bitCount(scale) == 1);
    }

    private AveragePool(int scale, boolean pairwise) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + scale);
        }
        this.scale = scale;
        this.pairwise = pairwise;
    }

    /** Pooling bit-exact with PyTorch's {@code avg_pool2d} (row-major float32 sums). */
    public static AveragePool torch(int scale) {
        return new AveragePool(scale, false);
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
        if (!pairwise) {
            Shape k = new Shape(scale, scale);
            return Pool.avgPool2d(x, k, k, new Shape(0, 0), false, true);
        }
        NDArray sum = x;
        for (int k = scale; k > 1; k /= 2) {
            sum = halve(halve(sum, 3, sum != x), 2, true);
        }
        if (sum == x) {
            return x.duplicate();
        }
        return sum.muli(1f / (scale * scale));
    }

    /** Neighbour pairs along {@code axis} added: (a0 + a1), (a2 + a3), ...; closes {@code in} if owned. */
    private static NDArray halve(NDArray in, int axis, boolean owned) {
        String even = axis == 3 ? ":, :, :, 0::2" : ":, :, 0::2, :";
        String odd = axis == 3 ? ":, :, :, 1::2" : ":, :, 1::2, :";
        // Strided slices are views of the input: add out of place so the caller's array stays intact.
        NDArray sum;
        try (NDArray a = in.get(even); NDArray b = in.get(odd)) {
            sum = a.add(b);
        }
        if (owned) {
            in.close();
        }
        return sum;
    }

    @Override
    public NDArray pinv(NDArray y) {
        try (NDArray rows = y.repeat(2, scale)) {
            return rows.repeat(3, scale);
        }
    }
}
