package org.dadiff4j.sampling;

import org.dadiff4j.models.BetaSchedule;
import org.dadiff4j.models.DiffusionPrior;

/**
 * The forward-process noise levels: betas and the cumulative products alpha-bar, indexed like the
 * official DDNM/DADiff {@code compute_alpha}: {@code alphaBar(t)} is element {@code t+1} of the
 * cumulative product over {@code [0, betas]}, so {@code alphaBar(-1) = 1}.
 *
 * <p>Numerics follow the reference run bit for bit: betas come from a float64 linspace rounded once
 * to float32 (the last one is exactly {@code (float) end}), {@code 1 - beta} is taken in float32,
 * and the product is accumulated in double and rounded per element, as PyTorch's CPU cumprod does.
 */
public final class NoiseSchedule {

    private final float[] betas;
    private final float[] alphaBars;

    private NoiseSchedule(float[] betas) {
        this.betas = betas;
        this.alphaBars = new float[betas.length + 1];
        alphaBars[0] = 1f;
        double acc = 1.0;
        for (int s = 0; s < betas.length; s++) {
            acc *= (double) (1f - betas[s]);
            alphaBars[s + 1] = (float) acc;
        }
    }

    /** The schedule of DDPM, guided-diffusion and DADiff: linear 1e-4 to 0.02 over 1000 steps. */
    public static NoiseSchedule linear() {
        return linear(1e-4, 0.02, 1000);
    }

    /** The noise levels of a prior's betas ({@link DiffusionPrior#betaSchedule()}). */
    public static NoiseSchedule of(BetaSchedule betas) {
        return linear(betas.start(), betas.end(), betas.steps());
    }

    /** Linear betas as {@code np.linspace(start, end, steps)} in float64, then rounded to float32. */
    public static NoiseSchedule linear(double start, double end, int steps) {
        if (steps < 2 || !(start > 0) || !(end < 1) || start > end) {
            throw new IllegalArgumentException(
                    "linear schedule needs 0 < start <= end < 1 and at least 2 steps, got "
                            + start + ".." + end + " over " + steps);
        }
        float[] b = new float[steps];
        double step = (end - start) / (steps - 1);
        for (int i = 0; i < steps; i++) {
            b[i] = (float) (i * step + start);
        }
        b[steps - 1] = (float) end;
        return new NoiseSchedule(b);
    }

    /** Number of training timesteps T; valid timesteps are 0..T-1. */
    public int trainSteps() {
        return betas.length;
    }

    /** beta at timestep t in 0..T-1. */
    public float beta(int t) {
        return betas[t];
    }

    /** alpha-bar at timestep t in -1..T-1; {@code alphaBar(-1) = 1}. */
    public float alphaBar(int t) {
        if (t < -1 || t >= betas.length) {
            throw new IllegalArgumentException("timestep " + t + " outside -1.." + (betas.length - 1));
        }
        return alphaBars[t + 1];
    }
}
