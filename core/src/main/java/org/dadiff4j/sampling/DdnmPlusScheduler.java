package org.dadiff4j.sampling;

import ai.djl.ndarray.NDArray;

/**
 * The reverse step of DDNM+ for a noisy measurement (Wang et al. 2023, Eq. 17-19, in the form of
 * the released DDNM code): the noise added back is shrunk by gamma_t so that the measurement
 * noise sigma_y that guidance lets through is not counted twice.
 *
 * <pre>
 * sigma_t = sqrt(1 - at_next^2),   a = at_next * s_y,   s_y = 2 * sigma_y   ([-1,1] units)
 * gamma_t = sqrt(sigma_t^2 - a^2)  if sigma_t >= a,  else 0
 * c1      = sqrt(1 - at_next) * eta,   c2 = sqrt(1 - at_next) * sqrt(1 - eta^2)
 * x_next  = sqrt(at_next) * x0 + gamma_t * (c1 * z + c2 * eps)
 * </pre>
 *
 * This is DDNM's {@code guided_diffusion/diffusion.py} ({@code simplified_ddnm_plus}, github.com/wyhuai/DDNM),
 * including its sigma_t = sqrt(1 - at_next^2) (not the DDPM posterior's sigma) and the doubling of
 * sigma_y. For eta > 1 the eps weight sqrt(1 - eta^2) is not real; it is taken as 0.
 *
 * One difference from that script: it fixes eta = 0.85 inside its loop, whatever its own eta
 * option says. Here eta is the caller's (the run's DDIM eta, {@code --eta}, default 1, at which
 * eps has weight 0 and the step adds fresh noise only); pass 0.85 to run the script's step.
 *
 * The matching lambda_t is {@code guidance.DdnmGuidance#lambda}. With sigma_y = 0 this is DDNM's
 * simplified sampler, not the official DDIM step of {@link DdimScheduler}.
 */
public final class DdnmPlusScheduler extends Scheduler {

    private final float eta;
    private final float sigmaY;

    /** @param sigmaY measurement noise in [0,1] image units */
    public DdnmPlusScheduler(NoiseSchedule schedule, float eta, float sigmaY) {
        super(schedule);
        if (!(eta >= 0) || !(sigmaY >= 0)) {
            throw new IllegalArgumentException("eta and sigma_y must be >= 0, got " + eta + ", " + sigmaY);
        }
        this.eta = eta;
        this.sigmaY = sigmaY;
    }

    /** gamma_t of a step. */
    public float gamma(StepInfo s) {
        float a = s.atNext();
        float sigmaT = sqrt(1f - a * a);
        float noise = a * (2f * sigmaY);
        return sigmaT >= noise ? sqrt(sigmaT * sigmaT - noise * noise) : 0f;
    }

    @Override
    public NDArray step(NDArray x, NDArray eps, NDArray x0, StepInfo s, NDArray z) {
        float root = sqrt(1f - s.atNext());
        float c1 = root * eta;
        float c2 = root * sqrt(Math.max(0f, 1f - eta * eta));
        float gamma = gamma(s);
        NDArray out = x0.mul(sqrt(s.atNext()));
        try (NDArray n = z.mul(gamma * c1); NDArray e = eps.mul(gamma * c2)) {
            return out.addi(n).addi(e);
        }
    }
}
