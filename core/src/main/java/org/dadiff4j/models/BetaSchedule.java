package org.dadiff4j.models;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.dadiff4j.DadiffException;

/**
 * The forward-process betas a prior was trained with, as its config states them: the sampler
 * builds its noise levels from this value (guided-diffusion's {@code noise_schedule} and
 * {@code diffusion_steps}; a DDPM config's {@code diffusion} section). Only linear betas exist in
 * the checkpoints this project reads. Immutable.
 */
public final class BetaSchedule {

    /** DDPM's, guided-diffusion's and DADiff's: linear 1e-4 to 0.02 over 1000 steps. */
    public static final BetaSchedule LINEAR_1000 = new BetaSchedule(1e-4, 0.02, 1000);

    private final double start;
    private final double end;
    private final int steps;

    private BetaSchedule(double start, double end, int steps) {
        this.start = start;
        this.end = end;
        this.steps = steps;
    }

    /** Linear betas from {@code start} to {@code end} over {@code steps} training steps. */
    public static BetaSchedule linear(double start, double end, int steps) {
        if (steps < 2 || !(start > 0) || !(end < 1) || start > end) {
            throw new IllegalArgumentException("linear betas need 0 < start <= end < 1 and at least 2 steps, got "
                    + start + ".." + end + " over " + steps);
        }
        return new BetaSchedule(start, end, steps);
    }

    /**
     * From guided-diffusion flags: {@code noise_schedule} (only "linear") and {@code diffusion_steps}
     * (default 1000), with its {@code get_named_beta_schedule} scaling of 1e-4..0.02 by 1000/steps.
     */
    public static BetaSchedule fromAdmFlags(JsonObject o, Path source) {
        String kind = o.has("noise_schedule") ? o.get("noise_schedule").getAsString() : "linear";
        if (!kind.equals("linear")) {
            throw DadiffException.of(source, "noise_schedule \"" + kind + "\" is not supported (only linear)");
        }
        int steps = o.has("diffusion_steps") ? o.get("diffusion_steps").getAsInt() : 1000;
        double scale = 1000.0 / steps;
        return checked(source, scale * 1e-4, scale * 0.02, steps);
    }

    /** From a DDPM (SDEdit/DDIM) config's {@code diffusion} section, if any; else the default. */
    public static BetaSchedule fromDdpmConfig(JsonObject root, Path source) {
        JsonObject c = root.has("config") ? root.getAsJsonObject("config") : root;
        if (!c.has("diffusion")) {
            return LINEAR_1000;
        }
        JsonObject d = c.getAsJsonObject("diffusion");
        String kind = d.has("beta_schedule") ? d.get("beta_schedule").getAsString() : "linear";
        if (!kind.equals("linear")) {
            throw DadiffException.of(source, "beta_schedule \"" + kind + "\" is not supported (only linear)");
        }
        return checked(source, d.has("beta_start") ? d.get("beta_start").getAsDouble() : 1e-4,
                d.has("beta_end") ? d.get("beta_end").getAsDouble() : 0.02,
                d.has("num_diffusion_timesteps") ? d.get("num_diffusion_timesteps").getAsInt() : 1000);
    }

    private static BetaSchedule checked(Path source, double start, double end, int steps) {
        try {
            return linear(start, end, steps);
        } catch (IllegalArgumentException e) {
            throw DadiffException.of(source, e.getMessage(), e);
        }
    }

    public double start() {
        return start;
    }

    public double end() {
        return end;
    }

    /** Training steps T. */
    public int steps() {
        return steps;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BetaSchedule && ((BetaSchedule) o).start == start && ((BetaSchedule) o).end == end
                && ((BetaSchedule) o).steps == steps;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(start) * 31 * 31 + Double.hashCode(end) * 31 + steps;
    }

    @Override
    public String toString() {
        return "linear " + start + ".." + end + " over " + steps;
    }
}
