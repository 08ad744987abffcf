package org.dadiff4j.pipeline;

/** Every default of the restoration pipeline, defined once (the CLI and the library share them). */
public final class Defaults {

    /** Upscaling factor. */
    public static final int SCALE = 4;
    /** Sampling steps: the paper's 100 spaced steps of a 1000-step DDPM. */
    public static final int STEPS = 100;
    /**
     * Where sampling starts: 1 is the paper's run from pure noise; below 1 the restoration is
     * noised to {@code STRENGTH * T} and the last {@code round(STRENGTH * STEPS)} steps run.
     * 0.03 (3 of 100 steps, from t = 30): with the session-13 models, on all 141 crops of both
     * validation sets, it meets every dadiff target of issue #16 (0.1 left 0.21 more grain than
     * bicubic and 10 crops more than 1 dB under it on clean inputs; 0.03: 0.03 less, and 5), for
     * NIQE 0.6-1.6 higher than 0.1's, still under bicubic's and the restoration's
     * (docs/results.md, "Session 14"); with the session-15 x4 model 0.05 still leaves clean
     * inputs 0.01 grainier than bicubic ("Session 15"). Higher values trade fidelity for painted detail.
     */
    public static final double STRENGTH = 0.03;
    /** DDIM eta of the official DADiff script. */
    public static final float ETA = 1.0f;
    /** Guidance scalar alpha of the paper's run from pure noise (strength 1), in the paper's convention. */
    public static final float ALPHA = 0.3f;
    /**
     * Alpha of DADiff's anchored runs (strength below 1): 2 is a full DDNM-style projection onto
     * Gr(y_p) at every step. From the anchor, 20 steps of the paper's 0.3 leave the prior's smear on
     * clean inputs; 2 kept 0.55 dB more, with lower NIQE and grain, and was level on heavy ones
     * (docs/results.md, "Session 8").
     */
    public static final float ANCHORED_ALPHA = 2.0f;
    /**
     * Whether E re-reads the perturbed input y_p to condition DADiff's guidance, as the official
     * sampler does (it always does in official mode). Off: E(y) of the input itself conditions every
     * Gd and Gr call, so the guidance undoes the input's own degradation, not the one E reads in
     * Gd(Gr(y)); with the session-9 models that kept 0.2-0.9 dB more (docs/results.md, "Session 9").
     */
    public static final boolean REREAD = false;
    /**
     * Gr's geometric self-ensemble in the restoration and in DADiff's anchored runs: the mean over
     * 8 flips and transposes of the input, each read by E. On all 141 crops of each validation set,
     * with the session-16 x4 model, restore kept 0.05 dB (heavy) and 0.09 dB (clean) more than with
     * Gr alone, which met issue #16's restore targets (docs/results.md, "Session 16"); its NIQE
     * rises by 0.6-0.9 (smoother), which the anchored steps take back. 8 times Gr's cost is small
     * next to the prior's. Runs from pure noise keep Gr alone: they are the paper's loop.
     */
    public static final int ENSEMBLE = 8;
    /** Seed of every random draw of an image. */
    public static final long SEED = 0;
    /** Tile overlap as a fraction of the tile, where the prior's config does not set one. */
    public static final float TILE_OVERLAP = 0.25f;
    /** Tiles per network call: more is faster per tile, but memory grows with it. */
    public static final int TILE_BATCH = 1;
    /**
     * Guidance tile side in output pixels (0: whole image): Gd and Gr run tile by tile beyond it.
     * Large, because their tiles add border effects and these networks are cheap next to the prior;
     * 512 + the overlap, so that the stride of 512 covers 1024, 2048, ... without extra tiles.
     */
    public static final int GUIDANCE_TILE = 576;
    /** Overlap of guidance tiles, in output pixels. */
    public static final int GUIDANCE_TILE_OVERLAP = 64;
    /** JPEG quality of JPEG outputs, 1-100. */
    public static final int JPEG_QUALITY = 95;
    /** Smallest accepted input side, in pixels. */
    public static final int MIN_SIDE = 4;

    /** The alpha of a run where none is given: {@link #ANCHORED_ALPHA} for anchored DADiff, else {@link #ALPHA}. */
    public static float alpha(Method method, double strength) {
        return method == Method.DADIFF && strength < 1 ? ANCHORED_ALPHA : ALPHA;
    }

    /** The self-ensemble of a run where none is given: {@link #ENSEMBLE} for restore and anchored DADiff, else 1. */
    public static int ensemble(Method method, double strength, boolean official) {
        if (official) {
            return 1;
        }
        return method == Method.RESTORE || method == Method.DADIFF && strength < 1 ? ENSEMBLE : 1;
    }

    /** The overlap for tiles of side {@code tile} (0: the prior's own tile and overlap). */
    public static int overlap(org.dadiff4j.models.DiffusionPrior prior, int tile) {
        if ((tile == 0 || tile == prior.tileSize()) && prior.tileOverlap() >= 0) {
            return prior.tileOverlap();
        }
        return Math.round((tile > 0 ? tile : prior.tileSize()) * TILE_OVERLAP);
    }

    private Defaults() {}
}
