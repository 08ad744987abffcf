package org.dadiff4j.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dadiff4j.SettingsException;
import org.dadiff4j.models.SelfEnsemble;

/**
 * The settings of one upscaling run, shared by {@code dadiff upscale} and the evaluation runner.
 * Defaults come from {@link Defaults}.
 */
public final class UpscaleSettings {

    /**
     * Largest prior tile side: an image smaller than the tile is padded up to it, so the tile sets
     * the memory of every network call (the 256x256 ADM needs about 2 GB at 512).
     */
    public static final int MAX_TILE = 1024;
    /** Most prior tiles per network call. */
    public static final int MAX_TILE_BATCH = 64;
    /** Largest guidance tile side: Gd and Gr run on tiles of up to this many output pixels. */
    public static final int MAX_GUIDANCE_TILE = 4096;

    public Method method = Method.DADIFF;
    public int scale = Defaults.SCALE;
    public int steps = Defaults.STEPS;
    /** Anchored sampling: start from Gr(y) diffused to t0 = strength * T (1: pure noise, 0: restore only). */
    public double strength = Defaults.STRENGTH;
    public float eta = Defaults.ETA;
    /** Guidance scalar; null for the default of the method and strength ({@link #alpha()}). */
    public Float alpha;
    public boolean perturb = true;
    /** Gr's self-ensemble (1, 2, 4 or 8 transforms); null for the default of the method and strength ({@link #ensemble()}). */
    public Integer ensemble;
    /** E re-reads y_p to condition the guidance ({@link Defaults#REREAD}; always in official mode). */
    public boolean reread = Defaults.REREAD;
    public boolean official;
    public float sigmaY;
    /** Tile overlap in output pixels; negative for the default share of the prior's size. */
    public int tileOverlap = -1;
    public int tileBatch = Defaults.TILE_BATCH;
    /** Prior tile side; 0 for the prior's native size. */
    public int tile;
    /** Guidance tile side in output pixels; 0 runs Gd and Gr on the whole image. */
    public int guidanceTile = Defaults.GUIDANCE_TILE;

    /**
     * Checks the ranges a user can get wrong, with one-line messages that name the setting (the
     * command-line options have the same names); shared by the library facade, {@code dadiff
     * upscale} and {@code dadiff eval run}.
     *
     * @throws SettingsException naming the first setting out of range
     */
    public UpscaleSettings validate() {
        if (method == null) {
            throw new SettingsException("method", "method must be given");
        }
        if (scale < 1 || scale > 16) {
            throw new SettingsException("scale", "scale must be between 1 and 16, got " + scale);
        }
        if (steps < 1 || steps > 1000) {
            throw new SettingsException("steps", "steps must be between 1 and 1000, got " + steps);
        }
        if (!(strength >= 0 && strength <= 1)) {
            throw new SettingsException("strength", "strength must be between 0 and 1, got " + strength);
        }
        if (official && strength != 1) {
            throw new SettingsException("strength", "official runs the paper's loop from pure noise: strength must "
                    + "be 1, got " + strength);
        }
        if (!(alpha() >= 0) || alpha() > 10) {
            throw new SettingsException("alpha", "alpha must be between 0 and 10, got " + alpha());
        }
        int e = ensemble();
        if (!SelfEnsemble.isSize(e)) {
            throw new SettingsException("ensemble", "ensemble must be 1, 2, 4 or 8, got " + e);
        }
        if (official && e != 1) {
            throw new SettingsException("ensemble", "official runs Gr alone: ensemble must be 1, got " + e);
        }
        if (!(eta >= 0)) {
            throw new SettingsException("eta", "eta must be >= 0, got " + eta);
        }
        if (!(sigmaY >= 0)) {
            throw new SettingsException("sigma-y", "sigma-y must be >= 0, got " + sigmaY);
        }
        if (tile < 0) {
            throw new SettingsException("tile", "tile must be 0 (the prior's) or a side in pixels, got " + tile);
        }
        if (tileBatch < 1 || tileBatch > MAX_TILE_BATCH) {
            throw new SettingsException("tile-batch", "tile-batch must be between 1 and " + MAX_TILE_BATCH + ", got "
                    + tileBatch);
        }
        if (tile != 0 && (tile < 8 || tile > MAX_TILE)) {
            throw new SettingsException("tile", "tile must be between 8 and " + MAX_TILE
                    + " (or 0 for the prior's own), got " + tile);
        }
        if (tileOverlap < -1 || tileOverlap > MAX_TILE / 2 || tile > 0 && tileOverlap > tile / 2) {
            throw new SettingsException("tile-overlap", "tile-overlap must be between 0 and half the tile ("
                    + (tile > 0 ? tile / 2 : "of the prior's tile") + "), got " + tileOverlap);
        }
        if (guidanceTile != 0 && (guidanceTile < 4 * Defaults.GUIDANCE_TILE_OVERLAP || guidanceTile > MAX_GUIDANCE_TILE)) {
            throw new SettingsException("guidance-tile", "guidance-tile must be 0 or between "
                    + 4 * Defaults.GUIDANCE_TILE_OVERLAP + " and " + MAX_GUIDANCE_TILE + ", got " + guidanceTile);
        }
        return this;
    }

    /** The strength asked for, or the default: 1 in official mode (the paper's loop), else {@link Defaults#STRENGTH}. */
    public static double strength(Double given, boolean official) {
        return given != null ? given : official ? 1.0 : Defaults.STRENGTH;
    }

    /** The guidance scalar of the run: the one given, else {@link Defaults#alpha}. */
    public float alpha() {
        return alpha != null ? alpha : Defaults.alpha(method, strength);
    }

    /** Gr's self-ensemble of the run: the one given, else {@link Defaults#ensemble}. */
    public int ensemble() {
        return ensemble != null ? ensemble : Defaults.ensemble(method, strength, official);
    }

    /** Whether E re-reads y_p to condition the guidance: as asked, and always in official mode. */
    public boolean reread() {
        return reread || official;
    }

    /**
     * The tiling a prior will actually run with (its own tile and overlap where the options leave
     * them), checked against the same bounds: a prior's config sets them too.
     */
    public static void checkTiling(int tile, int overlap) {
        if (tile < 1 || tile > MAX_TILE) {
            throw new SettingsException("tile", "the prior's tile must be between 1 and " + MAX_TILE + ", got " + tile);
        }
        if (overlap < 0 || overlap > tile / 2) {
            throw new SettingsException("tile-overlap", "tile-overlap must be between 0 and half the tile ("
                    + tile / 2 + "), got " + overlap);
        }
    }

    /** A copy with another method (for runs over several methods). */
    public UpscaleSettings withMethod(Method m) {
        UpscaleSettings s = copy();
        s.method = m;
        return s;
    }

    /** A copy with another alpha (for alpha sweeps). */
    public UpscaleSettings withAlpha(float a) {
        UpscaleSettings s = copy();
        s.alpha = a;
        return s;
    }

    /** A copy to change. */
    public UpscaleSettings copy() {
        UpscaleSettings s = new UpscaleSettings();
        s.method = method;
        s.scale = scale;
        s.steps = steps;
        s.strength = strength;
        s.eta = eta;
        s.alpha = alpha;
        s.perturb = perturb;
        s.ensemble = ensemble;
        s.reread = reread;
        s.official = official;
        s.sigmaY = sigmaY;
        s.tileOverlap = tileOverlap;
        s.tileBatch = tileBatch;
        s.tile = tile;
        s.guidanceTile = guidanceTile;
        return s;
    }

    /** What a sidecar records: only the settings the method uses. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method.cliName());
        m.put("scale", scale);
        if (method.usesPrior()) {
            m.put("steps", steps);
            m.put("strength", strength);
            m.put("eta", eta);
            if (tile > 0) {
                m.put("tile", tile);
            }
        }
        if (method == Method.DADIFF || method == Method.COMBINE) {
            m.put("alpha", alpha());
        }
        if (method == Method.DADIFF) {
            m.put("perturb", perturb);
            m.put("reread", reread());
            m.put("guidance_tile", guidanceTile);
        }
        if (method == Method.DADIFF || method == Method.RESTORE) {
            m.put("ensemble", ensemble());
            m.put("official", official);
        }
        if (method == Method.DDNM || method == Method.EXPLICIT) {
            m.put("sigma_y", sigmaY);
        }
        return m;
    }
}
