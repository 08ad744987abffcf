package org.dadiff4j.api;

import java.util.Map;
import org.dadiff4j.SettingsException;
import org.dadiff4j.pipeline.Defaults;
import org.dadiff4j.pipeline.Method;
import org.dadiff4j.pipeline.UpscaleSettings;

/**
 * The settings of an upscaler, immutable and validated when built. Every default is the one of
 * {@link Defaults}, shared with the command line.
 *
 * <pre>{@code
 * Settings s = Settings.builder().optScale(4).optSteps(50).build();
 * }</pre>
 */
public final class Settings {

    private final UpscaleSettings values;
    private final long seed;

    private Settings(UpscaleSettings values, long seed) {
        this.values = values;
        this.seed = seed;
    }

    /** The defaults: DADiff, x4, strength 0.03 of 100 steps, alpha 2 and Gr's 8-way self-ensemble (anchored), seed 0. */
    public static Settings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these settings. */
    public Builder toBuilder() {
        return new Builder(values.copy(), seed);
    }

    public Method method() {
        return values.method;
    }

    public int scale() {
        return values.scale;
    }

    public int steps() {
        return values.steps;
    }

    public double strength() {
        return values.strength;
    }

    public double alpha() {
        return values.alpha();
    }

    public double eta() {
        return values.eta;
    }

    public boolean perturb() {
        return values.perturb;
    }

    /** Gr's self-ensemble, 1 (Gr alone) to 8 transforms (as {@link #alpha()}, the effective value). */
    public int ensemble() {
        return values.ensemble();
    }

    /** Whether E re-reads y_p for the guidance: as set, and always in official mode (as {@link #alpha()}, the effective value). */
    public boolean reread() {
        return values.reread();
    }

    public boolean official() {
        return values.official;
    }

    public double sigmaY() {
        return values.sigmaY;
    }

    public long seed() {
        return seed;
    }

    public int tile() {
        return values.tile;
    }

    public int tileOverlap() {
        return values.tileOverlap;
    }

    public int tileBatch() {
        return values.tileBatch;
    }

    public int guidanceTile() {
        return values.guidanceTile;
    }

    /** The settings the method uses, as recorded in sidecars (method, scale, steps, ...); the seed is apart. */
    public Map<String, Object> describe() {
        return values.describe();
    }

    /** A copy of the pipeline's form (mutable; the copy is the caller's). */
    UpscaleSettings toPipeline() {
        return values.copy();
    }

    @Override
    public String toString() {
        return describe() + ", seed " + seed;
    }

    /** Builder: every setting is optional ({@code opt*}); {@link #build} validates them together. */
    public static final class Builder {
        private final UpscaleSettings v;
        private long seed = Defaults.SEED;
        /** Null until set: official mode then defaults to the paper's strength 1. */
        private Double strength;

        private Builder() {
            this(new UpscaleSettings(), Defaults.SEED);
        }

        private Builder(UpscaleSettings v, long seed) {
            this.v = v;
            this.seed = seed;
        }

        /** The restoration method (default {@link Method#DADIFF}). */
        public Builder optMethod(Method method) {
            v.method = method;
            return this;
        }

        /** The upscaling factor, 1 to 16 (default 4; the embedded models cover 2, 4 and 8). */
        public Builder optScale(int scale) {
            v.scale = scale;
            return this;
        }

        /** Sampling steps of the diffusion methods, 1 to 1000 (default 100). */
        public Builder optSteps(int steps) {
            v.steps = steps;
            return this;
        }

        /**
         * Anchored sampling, in [0, 1]: sampling starts from the restoration Gr(y) diffused to
         * t0 = strength * T, and the last {@code round(strength * steps)} steps run; 1 starts from
         * pure noise (the paper), 0 returns the restoration (default {@link Defaults#STRENGTH}; 1 in
         * official mode).
         */
        public Builder optStrength(double strength) {
            this.strength = strength;
            return this;
        }

        /**
         * Guidance scalar of {@code dadiff} and {@code combine}, 0 to 10 (default 2 for DADiff's
         * anchored runs, else the paper's 0.3; {@link Defaults#alpha}).
         */
        public Builder optAlpha(double alpha) {
            v.alpha = (float) alpha;
            return this;
        }

        /** DDIM eta, at least 0 (default 1, the official script's). */
        public Builder optEta(double eta) {
            v.eta = (float) eta;
            return this;
        }

        /** The input perturbation y_p = Gd(Gr(y)) of paper Eq. 10 (default on). */
        public Builder optPerturb(boolean perturb) {
            v.perturb = perturb;
            return this;
        }

        /**
         * Gr's geometric self-ensemble for {@code restore} and {@code dadiff}: the mean over 1, 2, 4
         * or 8 flips and transposes of the input (default 8 for the restoration and anchored
         * runs, 1 from pure noise and in official mode; {@link Defaults#ensemble}). 1 is faster.
         */
        public Builder optEnsemble(int ensemble) {
            v.ensemble = ensemble;
            return this;
        }

        /**
         * Condition DADiff's guidance on E(y_p), the representation of the perturbed input, as the
         * official sampler does, rather than on E(y) (default {@link Defaults#REREAD}; always on
         * in official mode).
         */
        public Builder optReread(boolean reread) {
            v.reread = reread;
            return this;
        }

        /** The official sampler's arithmetic, mixed units and train-mode MSDI2E (default off). */
        public Builder optOfficial(boolean official) {
            v.official = official;
            return this;
        }

        /** DDNM+ noise level of the input in [0,1] units for {@code ddnm} and {@code explicit} (default 0). */
        public Builder optSigmaY(double sigmaY) {
            v.sigmaY = (float) sigmaY;
            return this;
        }

        /** Seed of every random draw of an image (default 0): the same seed gives the same output. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Prior tile side in output pixels (default 0: the prior's own). */
        public Builder optTile(int tile) {
            v.tile = tile;
            return this;
        }

        /** Prior tile overlap in output pixels (default -1: the prior's, else a quarter of the tile). */
        public Builder optTileOverlap(int overlap) {
            v.tileOverlap = overlap;
            return this;
        }

        /** Prior tiles per network call (default 1). */
        public Builder optTileBatch(int tileBatch) {
            v.tileBatch = tileBatch;
            return this;
        }

        /** Side beyond which Gd and Gr run on tiles, in output pixels; 0 never (default 576). */
        public Builder optGuidanceTile(int guidanceTile) {
            v.guidanceTile = guidanceTile;
            return this;
        }

        /** @throws SettingsException naming the first setting out of range */
        public Settings build() {
            UpscaleSettings s = v.copy();
            if (strength != null || v.official) {
                s.strength = UpscaleSettings.strength(strength, v.official);
            }
            return new Settings(s.validate(), seed);
        }
    }
}
