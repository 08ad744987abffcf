package org.dadiff4j.sampling;

import ai.djl.ndarray.NDArray;

/**
 * Ancestral DDPM sampling with the posterior q(x_prev | x_t, x0) of Ho et al. (Eq. 6-7), where
 * prev is the step's {@code tNext}:
 *
 * <pre>
 * beta_t  = 1 - at/at_prev                      (the respaced chain's beta, as guided-diffusion)
 * mean    = sqrt(at_prev)*beta_t/(1-at) * x0 + sqrt(1-beta_t)*(1-at_prev)/(1-at) * x_t
 * var     = (1-at_prev)/(1-at) * beta_t          (beta-tilde; 0 at the last step)
 * x_prev  = mean + sqrt(var) * z
 * </pre>
 */
public final class DdpmScheduler extends Scheduler {

    public DdpmScheduler(NoiseSchedule schedule) {
        super(schedule);
    }

    @Override
    public NDArray step(NDArray x, NDArray eps, NDArray x0, StepInfo s, NDArray z) {
        float at = s.at();
        float prev = s.atNext();
        float alpha = at / prev;
        float beta = 1f - alpha;
        float c0 = sqrt(prev) * beta / (1f - at);
        float ct = sqrt(alpha) * (1f - prev) / (1f - at);
        float std = sqrt((1f - prev) / (1f - at) * beta);
        NDArray out = x0.mul(c0);
        try (NDArray a = x.mul(ct); NDArray n = z.mul(std)) {
            return out.addi(a).addi(n);
        }
    }
}
