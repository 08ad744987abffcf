package org.dadiff4j.sampling;

import ai.djl.ndarray.NDArray;

/**
 * DDIM with stochasticity eta, in the official DDNM/DADiff form (eta = 1 in the paper's runs):
 *
 * <pre>
 * sigma = (eta * sqrt((1-at_next)/(1-at))) * sqrt(1 - at/at_next)
 * c_eps = sqrt((1-at_next) - sigma^2)
 * x_next = (x0 * sqrt(at_next) + c_eps * eps) + sigma * z
 * </pre>
 *
 * The model's own epsilon is reused (not re-derived from the guided x0); scalars and tensor ops are
 * float32 in this order, which reproduces the reference loop bit for bit.
 */
public final class DdimScheduler extends Scheduler {

    private final float eta;

    public DdimScheduler(NoiseSchedule schedule, float eta) {
        super(schedule);
        if (!(eta >= 0)) {
            throw new IllegalArgumentException("eta must be >= 0, got " + eta);
        }
        this.eta = eta;
    }

    /** sigma of a step. */
    public float sigma(StepInfo s) {
        return eta * sqrt((1f - s.atNext()) / (1f - s.at())) * sqrt(1f - s.at() / s.atNext());
    }

    /** Weight of the model's epsilon in a step. */
    public float epsilonWeight(StepInfo s) {
        float sigma = sigma(s);
        // max(0, .) keeps eta > 1 (and rounding) from giving NaN; it never bites in the reference runs.
        return sqrt(Math.max(0f, (1f - s.atNext()) - sigma * sigma));
    }

    @Override
    public NDArray step(NDArray x, NDArray eps, NDArray x0, StepInfo s, NDArray z) {
        NDArray out = x0.mul(sqrt(s.atNext()));
        try (NDArray e = eps.mul(epsilonWeight(s)); NDArray n = z.mul(sigma(s))) {
            return out.addi(e).addi(n);
        }
    }
}
