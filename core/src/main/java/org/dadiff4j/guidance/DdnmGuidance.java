package org.dadiff4j.guidance;

import ai.djl.ndarray.NDArray;
import org.dadiff4j.degrade.operator.LinearOperator;
import org.dadiff4j.sampling.StepInfo;
import org.dadiff4j.sampling.X0Hook;

/**
 * DDNM range-null-space guidance with a known linear A (Wang et al. 2023):
 *
 * <pre>
 * x0_hat = x0_t - lambda_t * A+(A x0_t - y)
 * </pre>
 *
 * With lambda_t = 1 this is Eq. 7, x0_hat = A+ y + (I - A+ A) x0_t, so A x0_hat = y. For a noisy y
 * (DDNM+, Eq. 17/19) lambda_t shrinks the correction where the step's own noise is smaller than the
 * measurement noise. Following the released DDNM code (not the DDPM a_t of the paper):
 *
 * <pre>
 * sigma_t  = sqrt(1 - at_next^2),   a_t = at_next,   s_y = 2 * sigma_y   (sigma_y in [0,1] units)
 * lambda_t = 1                        if sigma_t >= a_t * s_y
 *          = sigma_t / (a_t * s_y)    otherwise
 * </pre>
 *
 * DDNM+ also scales the step's noise by gamma_t; that belongs to the scheduler and is not done here.
 * All images are in [-1,1] units; y is the measurement A x in those units (for average pooling,
 * pooling a [-1,1] image).
 */
public final class DdnmGuidance implements X0Hook {

    private final LinearOperator op;
    private final NDArray y;
    private final float sigmaY;

    /** Noise-free DDNM; {@code y} stays owned by the caller. */
    public DdnmGuidance(LinearOperator op, NDArray y) {
        this(op, y, 0f);
    }

    /** DDNM+ with measurement noise sigma_y given in [0,1] image units. */
    public DdnmGuidance(LinearOperator op, NDArray y, float sigmaY) {
        if (!(sigmaY >= 0)) {
            throw new IllegalArgumentException("sigma_y must be >= 0, got " + sigmaY);
        }
        this.op = op;
        this.y = y;
        this.sigmaY = sigmaY;
    }

    /** lambda_t of a step (1 when sigma_y = 0). */
    public float lambda(StepInfo s) {
        float a = s.atNext();
        float sigmaT = (float) Math.sqrt(1f - a * a);
        float noise = a * (2f * sigmaY);
        return sigmaT >= noise ? 1f : sigmaT / noise;
    }

    @Override
    public NDArray apply(NDArray x0, StepInfo step) {
        float lambda = lambda(step);
        try (NDArray ax = op.apply(x0); NDArray residual = ax.sub(y);
                NDArray correction = op.pinv(residual)) {
            if (lambda != 1f) {
                correction.muli(lambda);
            }
            return x0.sub(correction);
        }
    }
}
