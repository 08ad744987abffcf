package org.dadiff4j.sampling;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A swappable reverse-step rule (diffusers' scheduler): set the timesteps, then step from x_t to
 * x_next given the model's epsilon and the (guided) clean-image estimate. Knows nothing of networks.
 */
public abstract class Scheduler {

    private final NoiseSchedule schedule;
    private List<StepInfo> steps = List.of();

    protected Scheduler(NoiseSchedule schedule) {
        this.schedule = schedule;
    }

    /** The noise schedule the steps are taken on. */
    public NoiseSchedule schedule() {
        return schedule;
    }

    /** Uses the official DDNM/DADiff spacing of {@code n} steps. */
    public void setTimesteps(int n) {
        setTimesteps(TimestepSpacing.official(n, schedule.trainSteps()));
    }

    /**
     * Uses the last {@link #stepsRun} of the official spacing of {@code n} steps
     * (diffusers' img2img convention): strength 1 is the whole run from pure noise, smaller
     * strengths start from a noised image at a lower timestep (see {@link #addNoise}), and 0 runs
     * no step at all.
     */
    public void setTimesteps(int n, double strength) {
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException("strength must be in [0, 1], got " + strength);
        }
        setTimesteps(TimestepSpacing.official(n, schedule.trainSteps()).last(stepsRun(n, strength)));
    }

    /**
     * The steps a run of {@code n} at {@code strength} takes: {@code round(strength * n)}, but at
     * least one for any strength above 0 (a strength asks for some sampling, even with few steps).
     */
    public static int stepsRun(int n, double strength) {
        return strength <= 0 ? 0 : Math.max(1, (int) Math.round(strength * n));
    }

    /**
     * The forward process q(x_t | x0) at the first timestep of {@code step}:
     * {@code sqrt(at) * x0 + sqrt(1 - at) * z}, the start of a run that begins part-way.
     */
    public static NDArray addNoise(NDArray x0, NDArray z, StepInfo step) {
        try (NDArray n = z.mul(sqrt(1f - step.at()))) {
            return x0.mul(sqrt(step.at())).addi(n);
        }
    }

    /** Uses any spacing. */
    public void setTimesteps(TimestepSpacing spacing) {
        steps = spacing.steps(schedule);
    }

    /** The steps of the run, in execution order (empty until timesteps are set). */
    public List<StepInfo> steps() {
        return steps;
    }

    /**
     * One reverse step. Results are created in the managers of the inputs (the step's scope).
     *
     * @param x the current sample x_t
     * @param eps the model's epsilon at (x_t, t)
     * @param x0 the clean-image estimate after guidance
     * @param step the step
     * @param z fresh N(0,1) noise; drawn every step, even where its weight is zero, so recorded
     *     noise streams stay aligned with the reference runs
     * @return x at {@code step.tNext()}
     */
    public abstract NDArray step(NDArray x, NDArray eps, NDArray x0, StepInfo step, NDArray z);

    static float sqrt(float v) {
        // Double sqrt rounded once equals the correctly rounded float32 sqrt.
        return (float) Math.sqrt(v);
    }
}
