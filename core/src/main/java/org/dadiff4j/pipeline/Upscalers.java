package org.dadiff4j.pipeline;

import org.dadiff4j.ModelException;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.SelfEnsemble;
import org.dadiff4j.models.compact.CompactModel;
import org.dadiff4j.models.kernel.KernelEstimator;
import org.dadiff4j.sampling.StepListener;

/** Builds the upscaler of a method from loaded models; the one place that maps methods to parts. */
public final class Upscalers {

    /** The models a run may use; each may be null where no method needs it. */
    public static final class Models {
        public DiffusionPrior prior;
        public DegradationAwareModel degradation;
        public KernelEstimator kernelEstimator;

        /**
         * Frees what holds native memory outside the manager the models were loaded into: a
         * compact degradation model has a manager of its own.
         */
        public void close() {
            if (degradation instanceof CompactModel) {
                ((CompactModel) degradation).close();
            }
        }
    }

    private static final String DEGRADATION = "a degradation-aware model (degradation)";

    private Upscalers() {}

    /** Which models {@code method} needs, as the option names that give them. */
    public static boolean needsPrior(Method m) {
        return m.usesPrior();
    }

    public static boolean needsDegradation(Method m) {
        return m == Method.DADIFF || m == Method.RESTORE || m == Method.COMBINE;
    }

    public static boolean needsKernelEstimator(Method m) {
        return m == Method.EXPLICIT || m == Method.COMBINE;
    }

    /** The upscaler for {@code s.method}. */
    public static Upscaler create(UpscaleSettings s, Models models) {
        return create(s, models, null);
    }

    /**
     * The upscaler for {@code s.method}; {@code observer} (may be null) sees every step's x0
     * estimate of the diffusion methods, e.g. for the restoration curves of the evaluation.
     */
    public static Upscaler create(UpscaleSettings s, Models models, StepListener observer) {
        switch (s.method) {
            case BICUBIC:
                return new BicubicUpscaler(s.scale);
            case RESTORE:
                return new RestoreUpscaler(require(models.degradation, DEGRADATION, s), s.ensemble(), s.scale);
            case DDNM:
                return diffusion(s, models, observer, new DdnmFactory(s.sigmaY), s.sigmaY);
            case DADIFF:
                return diffusion(s, models, observer, new LearnedFactory(SelfEnsemble.of(require(models.degradation, DEGRADATION, s), s.ensemble()),
                        s.alpha(), s.perturb, s.reread(), s.official, s.guidanceTile, Defaults.GUIDANCE_TILE_OVERLAP), 0f);
            case EXPLICIT:
                return diffusion(s, models, observer, new ExplicitFactory(estimator(models, s), null, 2f, s.sigmaY),
                        s.sigmaY);
            case COMBINE:
                return diffusion(s, models, observer, new ExplicitFactory(estimator(models, s),
                        require(models.degradation, DEGRADATION, s), s.alpha(), 0f), 0f);
            default:
                throw new IllegalStateException("unhandled method " + s.method);
        }
    }

    private static KernelEstimator estimator(Models models, UpscaleSettings s) {
        KernelEstimator e = require(models.kernelEstimator, "a blur-kernel estimator (kernelEstimator)", s);
        if (e.scale() > 0 && e.scale() != s.scale) {
            throw new ModelException("the kernel estimator was trained for x" + e.scale() + ", not x" + s.scale
                    + " (give one trained for x" + s.scale + ": dadiff train kernel makes them)");
        }
        return e;
    }

    /** @param sigmaY above 0: the DDNM+ step, paired with the guidance's lambda_t */
    private static Upscaler diffusion(UpscaleSettings s, Models models, StepListener observer,
            GuidanceFactory guidance, float sigmaY) {
        DiffusionUpscaler.Builder b = DiffusionUpscaler.builder();
        if (observer != null) {
            b.optObserver(observer);
        }
        return b
                .setPrior(require(models.prior, "a diffusion prior (prior)", s))
                .setGuidance(guidance)
                .optScale(s.scale).optSteps(s.steps).optStrength(s.strength).optEta(s.eta)
                .optOverlap(s.tileOverlap).optTileBatch(s.tileBatch).optTile(s.tile).optSigmaY(sigmaY)
                .build();
    }

    /** @param what the model, and in brackets the setting that gives it */
    private static <T> T require(T model, String what, UpscaleSettings s) {
        if (model == null) {
            throw new ModelException("method " + s.method.cliName() + " needs " + what + ", and none was given");
        }
        return model;
    }
}
