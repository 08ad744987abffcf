package org.dadiff4j.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dadiff4j.guidance.LearnedGuidance;
import org.dadiff4j.image.Resize;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.models.DegradationAwareModel.Representation;
import org.dadiff4j.sampling.StepInfo;

/**
 * DADiff guidance (paper Eq. 10-11) with a degradation-aware model. Per image, once: E(y), the
 * perturbed input y_p = Gd(Gr(y)) conditioned on E(y), and A-dagger y_p = Gr(y_p). What conditions
 * the later calls is E(y) by default; with {@code reread} (and always in official mode) it is
 * E(y_p), as the official sampler rebinds LD_LQ to y_p. Conditioned on E(y), as the perturbation
 * was, Gr(y) is a fixed point of the guided step (Gr(Gd(Gr(y))) is then Gr(y_p) itself); under
 * E(y_p) Gd degrades as E reads y_p, not as it read y, and the step pulls away from Gr(y) the more
 * E adapts to its input.
 *
 * <p>Beyond one guidance tile, Gd(Gr(.)), Gr and Gr(Gd(.)) run tile by tile with the prior's
 * Gaussian blending, each tile conditioned on its region of E's representation, so that their
 * memory is bounded by the tile rather than the image. E itself runs once on the whole input.
 * The official mode never tiles: its batch statistics are those of the whole image.
 */
public final class LearnedFactory implements GuidanceFactory {

    private final DegradationAwareModel model;
    private final float alpha;
    private final boolean perturb;
    private final boolean reread;
    private final boolean official;
    private final int tile;
    private final int overlap;

    /**
     * @param alpha guidance scalar in the paper's convention (0.3 in the paper)
     * @param perturb input perturbation y_p = Gd(Gr(y)) (Eq. 10)
     * @param official the official code's mixed units and clamps (see {@link LearnedGuidance}), and
     *     E(y_p) conditioning
     */
    public LearnedFactory(DegradationAwareModel model, float alpha, boolean perturb, boolean official) {
        this(model, alpha, perturb, official, official, Defaults.GUIDANCE_TILE, Defaults.GUIDANCE_TILE_OVERLAP);
    }

    /**
     * @param reread condition the guidance on E(y_p) rather than E(y) (implied by official)
     * @param tile side of the guidance tiles in output pixels (0: the whole image at once)
     * @param overlap overlap of neighbouring guidance tiles in output pixels
     */
    public LearnedFactory(DegradationAwareModel model, float alpha, boolean perturb, boolean reread,
            boolean official, int tile, int overlap) {
        this.model = model;
        this.alpha = alpha;
        this.perturb = perturb;
        this.reread = reread || official;
        this.official = official;
        if (tile < 0 || tile > 0 && (overlap < 0 || overlap >= tile)) {
            throw new org.dadiff4j.SettingsException("guidance-tile", "guidance-tile must be 0 or above its overlap, got tile "
                    + tile + ", overlap " + overlap);
        }
        this.tile = tile;
        this.overlap = overlap;
    }

    /** The model's LQ input for an LR image: itself, or bilinearly resized to HR size. */
    static NDArray lq(DegradationAwareModel model, NDArray lr, int scale) {
        if (!model.domain().lqAtHrSize()) {
            return lr.duplicate();
        }
        return Resize.bilinearTorch(lr, (int) lr.getShape().get(2) * scale, (int) lr.getShape().get(3) * scale);
    }

    @Override
    public int sizeMultiple() {
        return model.domain().sizeMultiple();
    }

    /** One network call on an image, with the representation of the same region. */
    private interface TileOp {
        NDArray apply(NDArray image, Representation r);
    }

    /** Tiles for one image: output boxes in HR pixels, LQ images q times smaller. */
    private final class Tiling {
        final TileGrid hr;
        final TileGrid lqGrid;
        final int q;

        Tiling(int scale, long h, long w) {
            q = model.domain().lqAtHrSize() ? 1 : scale;
            // Corners on whole LQ pixels and on the model's size multiple; sides rounded down to it.
            int align = RestoreUpscaler.lcm(q, model.domain().sizeMultiple());
            int t = (int) Math.min(tile, Math.min(h, w)) / align * align;
            int o = Math.min(overlap, t / 2) / align * align; // a thin image shrinks t; keep the stride >= t/2
            hr = new TileGrid(t, o, align, TileGrid.VARIANCE);
            lqGrid = new TileGrid(t / q, o / q, align / q, TileGrid.VARIANCE);
        }

        /** Runs {@code op} on an image whose tiles are {@code grid}'s, producing {@code out}. */
        NDArray run(TileGrid grid, Shape out, NDArray in, int inDivisor, int lqDivisor, Representation r, TileOp op) {
            return grid.blend(in.getManager(), out, 1, (group, sm) -> {
                TileGrid.Box b = group.get(0);
                NDArray crop = in.get(b.index(inDivisor));
                crop.attach(sm);
                int s = b.size() / lqDivisor;
                try (Representation part = model.crop(r, b.y() / lqDivisor, b.x() / lqDivisor, s, s)) {
                    return op.apply(crop, part);
                }
            });
        }
    }

    /** The tiling for this image, or null to run on the whole image. */
    private Tiling tiling(NDArray lq, Representation r, int scale) {
        if (official || tile == 0) {
            return null;
        }
        int q = model.domain().lqAtHrSize() ? 1 : scale;
        long h = lq.getShape().get(2) * q;
        long w = lq.getShape().get(3) * q;
        if (h <= tile && w <= tile) {
            return null;
        }
        Tiling t = new Tiling(scale, h, w);
        int s = t.lqGrid.tile();
        try (Representation probe = model.crop(r, 0, 0, s, s)) {
            return probe == null ? null : t;
        }
    }

    @Override
    public Bound bind(NDArray lr, int scale) {
        NDManager m = lr.getManager().newSubManager();
        NDArray lq = lq(model, lr, scale);
        lq.attach(m);
        Representation first = model.encode(lq);
        Tiling tiles = tiling(lq, first, scale);
        NDArray y = lq;
        Representation cond = first;
        if (perturb) {
            TileOp gdGr = (v, r) -> LearnedGuidance.perturb(x -> model.degrade(x, r), x -> model.restore(x, r), v);
            y = tiles == null ? gdGr.apply(lq, first) : tiles.run(tiles.lqGrid, lq.getShape(), lq, 1, 1, first, gdGr);
            y.attach(m);
            if (reread) {
                cond = model.encode(y);
            }
        }
        Representation r = cond;
        LearnedGuidance.Builder g = LearnedGuidance.builder()
                .setDegradation(x -> model.degrade(x, r))
                .setRestoration(v -> model.restore(v, r))
                .optAlpha(alpha).optPerturbInput(false).optOfficialUnits(official);
        if (tiles != null) {
            Shape hr = new Shape(1, 3, lq.getShape().get(2) * tiles.q, lq.getShape().get(3) * tiles.q);
            g.setRestoration(v -> tiles.run(tiles.hr, hr, v, tiles.q, tiles.q, r, model::restore))
                    .optRoundTrip(x -> tiles.run(tiles.hr, hr, x, 1, tiles.q, r, (t, rt) -> {
                        try (NDArray d = model.degrade(t, rt)) {
                            return model.restore(d, rt);
                        }
                    }));
        }
        LearnedGuidance.Bound hook = g.build().bind(y);
        Representation toClose = first;
        return new Bound() {
            @Override
            public NDArray apply(NDArray x0, StepInfo step) {
                // x0 comes from the checked prior, so a NaN here is Gd's or Gr's
                NDArray guided = hook.apply(x0, step);
                NonFiniteResult.check(guided, "degradation model (Gd, Gr)");
                return guided;
            }

            @Override
            public NDArray anchor() {
                // Gr(y) of the input itself, as the restore method gives it, not of y_p.
                NDArray restored;
                if (tiles == null) {
                    restored = model.restore(lq, first);
                } else {
                    Shape hr = new Shape(1, 3, lq.getShape().get(2) * tiles.q, lq.getShape().get(3) * tiles.q);
                    restored = tiles.run(tiles.hr, hr, lq, tiles.q, tiles.q, first, model::restore);
                }
                restored.attach(lr.getManager());
                return restored.muli(2f).subi(1f);
            }

            @Override
            public void close() {
                hook.close();
                if (r != toClose) {
                    r.close();
                }
                toClose.close();
                m.close();
            }
        };
    }
}
