package org.dadiff4j.guidance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.UnaryOperator;
import org.dadiff4j.sampling.StepInfo;
import org.dadiff4j.sampling.X0Hook;

/**
 * DADiff guidance with learned degradation-aware models: Gd (degradation, the A of DDNM) and Gr
 * (restoration, A-dagger), both mapping [0,1] images at HR size, as the official MSDI2E does.
 *
 * <pre>
 * y_p    = Gd(Gr(y))                      input perturbation (on by default)
 * Apy    = Gr(y_p)
 * x0_hat = x0_t + alpha * (Apy - Gr(Gd(x0_tL))),   x0_tL = clamp((x0_t + 1)/2, 0, 1)
 * </pre>
 *
 * <p><b>Units.</b> x0_t is in [-1,1] units but Apy and Gr(Gd(.)) are [0,1] images, so the official
 * code adds a [0,1]-unit difference to a [-1,1]-unit estimate: against the unit-consistent DDNM step
 * x0_t + alpha' * (A+y - A+A x0_t) in [-1,1] units, its alpha acts as alpha' = alpha/2 (the
 * authors' comment: alpha = 1 is "equivalent to alpha = 0.5"). Both modes keep that meaning of
 * alpha, so alpha = 0.3 gives the same guidance strength in either:
 * <ul>
 *   <li>official ({@link Builder#optOfficialUnits}): the mixed-unit sum above, plus the
 *       official round trip of Apy, clamp(((2*Apy - 1) + 1)/2, 0, 1), which moves a few elements by
 *       up to 1.5e-8 and clamps to [0,1]. Reproduces the reference loop bit for bit.</li>
 *   <li>consistent (default, as in {@code UpscaleSettings}): both images are converted to [-1,1] units (2v - 1) and
 *       x0_hat = x0_t + (alpha/2) * ((2*Apy - 1) - (2*Gr(Gd(x0_tL)) - 1)); equal to the official
 *       result up to float rounding, without the Apy round trip.</li>
 * </ul>
 * In both modes the networks see the clamped x0_tL, since they were trained on [0,1] images.
 *
 * <p>A conditioned network (MSDI2E reads the LR image) binds its conditioning inside Gd and Gr.
 */
public final class LearnedGuidance {

    private final UnaryOperator<NDArray> gd;
    private final UnaryOperator<NDArray> gr;
    private final UnaryOperator<NDArray> roundTrip;
    private final float alpha;
    private final boolean perturb;
    private final boolean official;

    private LearnedGuidance(Builder b) {
        this.gd = b.gd;
        this.gr = b.gr;
        this.roundTrip = b.roundTrip != null ? b.roundTrip : x -> b.gr.apply(b.gd.apply(x));
        this.alpha = b.alpha;
        this.perturb = b.perturb;
        this.official = b.official;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Prepares guidance for one observation: runs the perturbation and Gr once.
     *
     * @param y the LR observation resized to HR size, [0,1] units; stays owned by the caller
     * @return the hook to pass to the sampler; close it after sampling
     */
    public Bound bind(NDArray y) {
        return new Bound(y);
    }

    /**
     * The input perturbation of paper Eq. 10, y_p = Gd(Gr(y)), defined here once: the hook below
     * and the pipeline's guidance factory (which conditions it on E(y) and may run it in tiles) both
     * call it. The intermediate Gr(y) is closed.
     */
    public static NDArray perturb(UnaryOperator<NDArray> gd, UnaryOperator<NDArray> gr, NDArray y) {
        try (NDArray restored = gr.apply(y)) {
            return gd.apply(restored);
        }
    }

    /** Guidance bound to one observation; owns y_p and Apy. */
    public final class Bound implements X0Hook, AutoCloseable {

        private final NDManager manager;
        private final NDArray perturbed;
        private final NDArray restored;
        private final NDArray target;

        private Bound(NDArray y) {
            manager = y.getManager().newSubManager();
            try (NDManager tmp = y.getManager().newSubManager()) {
                y.tempAttach(tmp);
                NDArray in = y;
                if (perturb) {
                    in = perturb(gd, gr, y);
                }
                NDArray apy = gr.apply(in);
                if (official) {
                    apy = apy.mul(2f).subi(1f).addi(1f).divi(2f).clip(0f, 1f);
                }
                NDArray t = official ? apy : apy.mul(2f).subi(1f);
                perturbed = perturb ? keep(in) : null;
                restored = keep(apy);
                target = t == apy ? restored : keep(t);
            }
        }

        private NDArray keep(NDArray a) {
            a.attach(manager);
            return a;
        }

        /** y_p = Gd(Gr(y)), or null when perturbation is off. */
        public NDArray perturbed() {
            return perturbed;
        }

        /** Apy = Gr(y_p) in [0,1] units (after the round trip in official mode). */
        public NDArray restored() {
            return restored;
        }

        @Override
        public NDArray apply(NDArray x0, StepInfo step) {
            NDManager sm = x0.getManager();
            NDArray x0l = x0.add(1f).divi(2f).clip(0f, 1f);
            NDArray estimate = roundTrip.apply(x0l);
            estimate.attach(sm);
            if (!official) {
                estimate = estimate.mul(2f).subi(1f);
            }
            NDArray diff = target.sub(estimate);
            diff.attach(sm);
            return x0.add(diff.muli(official ? alpha : Alpha.signedUnitStep(alpha)));
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    /** Builder: Gd and Gr are required; alpha 0.3, perturbation on and consistent units by default. */
    public static final class Builder {
        private UnaryOperator<NDArray> gd;
        private UnaryOperator<NDArray> gr;
        private UnaryOperator<NDArray> roundTrip;
        private float alpha = 0.3f;
        private boolean perturb = true;
        private boolean official;

        private Builder() {}

        /** Gd, the degradation model (HR [0,1] image to its degraded version at HR size). */
        public Builder setDegradation(UnaryOperator<NDArray> gd) {
            this.gd = gd;
            return this;
        }

        /** Gr, the restoration model (degraded [0,1] image at HR size to a restored one). */
        public Builder setRestoration(UnaryOperator<NDArray> gr) {
            this.gr = gr;
            return this;
        }

        /** Gr(Gd(.)) as one function (for example run tile by tile); by default the composition. */
        public Builder optRoundTrip(UnaryOperator<NDArray> roundTrip) {
            this.roundTrip = roundTrip;
            return this;
        }

        /** Guidance strength in the official convention (default 0.3). */
        public Builder optAlpha(float alpha) {
            this.alpha = alpha;
            return this;
        }

        /** Input perturbation y_p = Gd(Gr(y)) (default on). */
        public Builder optPerturbInput(boolean perturb) {
            this.perturb = perturb;
            return this;
        }

        /** Reproduce the official unit handling exactly, or use consistent units (default). */
        public Builder optOfficialUnits(boolean official) {
            this.official = official;
            return this;
        }

        public LearnedGuidance build() {
            if (gd == null || gr == null) {
                throw new IllegalStateException("LearnedGuidance needs both Gd and Gr");
            }
            return new LearnedGuidance(this);
        }
    }
}
