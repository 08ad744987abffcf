package org.dadiff4j.train;

import com.google.gson.JsonObject;
import java.util.SplittableRandom;

/**
 * How a prior's training timesteps are drawn: with probability {@code share} uniformly below
 * {@code below}, otherwise uniformly over the whole schedule. Anchored sampling starts at an
 * intermediate step and never visits the noisiest ones, so training time is better spent where
 * the sampler goes; keeping a uniform part leaves the model usable from pure noise. A share of 0
 * is DDPM's uniform draw, and draws the same numbers as a trainer without this setting.
 */
record TimestepFocus(int below, double share) {

    static final TimestepFocus UNIFORM = new TimestepFocus(1000, 0);

    TimestepFocus {
        if (below < 1 || !(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("bad timestep focus: below " + below + " (at least 1), share " + share
                    + " (in [0, 1])");
        }
    }

    int draw(SplittableRandom rng, int trainSteps) {
        if (share > 0 && rng.nextDouble() < share) {
            return rng.nextInt(Math.min(below, trainSteps));
        }
        return rng.nextInt(trainSteps);
    }

    void addTo(JsonObject o) {
        o.addProperty("focusBelow", below);
        o.addProperty("focusShare", share);
    }

    /** Checkpoints written before this setting existed drew uniformly. */
    static TimestepFocus fromJson(JsonObject o) {
        return o.has("focusShare") ? new TimestepFocus(o.get("focusBelow").getAsInt(), o.get("focusShare").getAsDouble())
                : UNIFORM;
    }
}
