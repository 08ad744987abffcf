package org.dadiff4j.guidance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.UnaryOperator;
import org.dadiff4j.degrade.Kernel;
import org.dadiff4j.degrade.operator.BlurDownsample;
import org.dadiff4j.degrade.operator.LinearOperator;
import org.dadiff4j.sampling.StepInfo;
import org.dadiff4j.sampling.X0Hook;

/**
 * Guidance with an explicit degradation A, typically {@link BlurDownsample} built from an
 * estimated kernel (the "explicit" and "combine" ablations of DADiff, Table 5):
 *
 * <ul>
 *   <li>explicit: the DDNM projection x0_hat = x0 - A+(A x0 - y) with the exact A+ of A (a
 *       {@link DdnmGuidance}), so A x0_hat = y; with sigma_y > 0 the DDNM+ lambda_t scales it;</li>
 *   <li>combine: A stays explicit but A+ is a learned restoration R:
 *       x0_hat = x0 + (alpha/2) * (R(y) - R(A x0)), R(y) computed once, alpha in the paper's
 *       units as for {@code dadiff} ({@link Alpha}). With R = A+ and alpha = 2 it is the explicit
 *       projection.</li>
 * </ul>
 *
 * Images are in [-1,1] units and y is the LR observation in those units. A kernel summing to 1
 * commutes with the unit change (A(2x - 1) = 2 A x - 1), so y may be the [0,1] LR image mapped
 * to [-1,1]. R maps LR-sized [-1,1] arrays to HR-sized ones; the caller wraps a network trained
 * on other units or sizes.
 */
public final class ExplicitGuidance {

    private final LinearOperator op;
    private final UnaryOperator<NDArray> restoration;
    private final float alpha;
    private final float sigmaY;

    private ExplicitGuidance(Builder b) {
        this.op = b.op;
        this.restoration = b.restoration;
        this.alpha = b.alpha;
        this.sigmaY = b.sigmaY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The explicit variant for a kernel at a scale, with the operator's defaults. */
    public static Bound explicit(Kernel kernel, int scale, NDArray y) {
        return builder().setOperator(BlurDownsample.of(kernel, scale)).build().bind(y);
    }

    public LinearOperator operator() {
        return op;
    }

    /** True for the combine variant (a learned A+). */
    public boolean isCombined() {
        return restoration != null;
    }

    /**
     * Guidance for one observation; for the combine variant this runs R(y) once.
     *
     * @param y the LR observation, [-1,1] units; stays owned by the caller
     * @return the hook to pass to the sampler; close it after sampling
     */
    public Bound bind(NDArray y) {
        return new Bound(y);
    }

    /** Guidance bound to one observation; owns R(y). */
    public final class Bound implements X0Hook, AutoCloseable {

        private final DdnmGuidance projection;
        private final NDManager manager;
        private final NDArray restored;

        private Bound(NDArray y) {
            if (restoration == null) {
                projection = new DdnmGuidance(op, y, sigmaY);
                manager = null;
                restored = null;
            } else {
                projection = null;
                manager = y.getManager().newSubManager();
                restored = restoration.apply(y);
                restored.attach(manager);
            }
        }

        /** R(y) of the combine variant, or null. */
        public NDArray restored() {
            return restored;
        }

        @Override
        public NDArray apply(NDArray x0, StepInfo step) {
            if (projection != null) {
                return projection.apply(x0, step);
            }
            try (NDArray ax = op.apply(x0); NDArray rax = restoration.apply(ax); NDArray diff = restored.sub(rax)) {
                return x0.add(diff.muli(Alpha.signedUnitStep(alpha)));
            }
        }

        @Override
        public void close() {
            if (manager != null) {
                manager.close();
            }
        }
    }

    /** Builder: the operator is required; a restoration R makes it the combine variant. */
    public static final class Builder {
        private LinearOperator op;
        private UnaryOperator<NDArray> restoration;
        private float alpha = 2f;
        private float sigmaY;

        private Builder() {}

        /** A, e.g. {@code BlurDownsample.of(estimatedKernel, scale)}. */
        public Builder setOperator(LinearOperator op) {
            this.op = op;
            return this;
        }

        /** The learned A+ (LR [-1,1] array to HR [-1,1] array): the combine variant. */
        public Builder optRestoration(UnaryOperator<NDArray> restoration) {
            this.restoration = restoration;
            return this;
        }

        /** Combine variant: guidance scalar in the paper's units ({@link Alpha}; default 2, the projection). */
        public Builder optAlpha(float alpha) {
            this.alpha = alpha;
            return this;
        }

        /** Explicit variant: measurement noise in [0,1] units for DDNM+ (default 0). */
        public Builder optSigmaY(float sigmaY) {
            this.sigmaY = sigmaY;
            return this;
        }

        public ExplicitGuidance build() {
            if (op == null) {
                throw new IllegalStateException("ExplicitGuidance needs the operator A");
            }
            if (restoration != null && sigmaY != 0f) {
                throw new IllegalStateException("sigma_y applies to the explicit variant only");
            }
            return new ExplicitGuidance(this);
        }
    }
}
