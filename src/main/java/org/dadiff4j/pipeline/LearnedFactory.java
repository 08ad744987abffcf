package org.dadiff4j.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.dadiff4j.guidance.LearnedGuidance;
import org.dadiff4j.image.Resize;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.models.DegradationAwareModel.Representation;
import org.dadiff4j.sampling.StepInfo;

/**
 * DADiff guidance (paper Eq. 10-11) with a degradation-aware model. Per image, once: E(y), the
 * perturbed input y_p = Gd(Gr(y)) conditioned on the original y, then E(y_p), which conditions
 * every later call (as the official sampler rebinds LD_LQ), and A-dagger y_p = Gr(y_p).
 */
public final class LearnedFactory implements GuidanceFactory {

    private final DegradationAwareModel model;
    private final float alpha;
    private final boolean perturb;
    private final boolean official;

    /**
     * @param alpha guidance scalar in the paper's convention (0.3 in the paper)
     * @param perturb input perturbation y_p = Gd(Gr(y)) (Eq. 10)
     * @param official the official code's mixed units and clamps (see {@link LearnedGuidance})
     */
    public LearnedFactory(DegradationAwareModel model, float alpha, boolean perturb, boolean official) {
        this.model = model;
        this.alpha = alpha;
        this.perturb = perturb;
        this.official = official;
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

    @Override
    public Bound bind(NDArray lr, int scale) {
        NDManager m = lr.getManager().newSubManager();
        NDArray lq = lq(model, lr, scale);
        lq.attach(m);
        Representation first = model.encode(lq);
        NDArray y = lq;
        Representation cond = first;
        if (perturb) {
            NDArray restored = model.restore(lq, first);
            y = model.degrade(restored, first);
            y.attach(m);
            restored.close();
            cond = model.encode(y);
        }
        Representation r = cond;
        LearnedGuidance.Bound hook = LearnedGuidance.builder()
                .setDegradation(x -> model.degrade(x, r))
                .setRestoration(v -> model.restore(v, r))
                .optAlpha(alpha).optPerturbInput(false).optOfficialUnits(official)
                .build().bind(y);
        Representation toClose = first;
        return new Bound() {
            @Override
            public NDArray apply(NDArray x0, StepInfo step) {
                return hook.apply(x0, step);
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
