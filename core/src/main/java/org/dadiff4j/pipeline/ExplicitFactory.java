package org.dadiff4j.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.dadiff4j.degrade.Kernel;
import org.dadiff4j.degrade.operator.BlurDownsample;
import org.dadiff4j.guidance.ExplicitGuidance;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.models.DegradationAwareModel.Representation;
import org.dadiff4j.models.kernel.KernelEstimator;
import org.dadiff4j.sampling.StepInfo;

/**
 * The explicit ablations of the paper's Table 5: a kernel estimated from the input sets
 * A = blur-then-subsample, applied with its exact pseudo-inverse ({@code explicit}) or with the
 * learned restoration network as A-dagger ({@code combine}).
 */
public final class ExplicitFactory implements GuidanceFactory {

    private final KernelEstimator estimator;
    private final DegradationAwareModel restoration;
    private final float alpha;
    private final float sigmaY;

    /**
     * @param restoration the learned A-dagger for {@code combine}; null for {@code explicit}
     * @param alpha the combine variant's guidance scalar, in the paper's units as dadiff's ({@link org.dadiff4j.guidance.Alpha})
     */
    public ExplicitFactory(KernelEstimator estimator, DegradationAwareModel restoration, float alpha, float sigmaY) {
        this.estimator = estimator;
        this.restoration = restoration;
        this.alpha = alpha;
        this.sigmaY = sigmaY;
    }

    @Override
    public int sizeMultiple() {
        return restoration == null ? 1 : restoration.domain().sizeMultiple();
    }

    @Override
    public Bound bind(NDArray lr, int scale) {
        NDManager m = lr.getManager().newSubManager();
        float[] k = estimator.estimate(lr).toFloatArray();
        BlurDownsample op = BlurDownsample.of(new Kernel(estimator.kernelSize(), k), scale);
        NDArray y = lr.mul(2f).subi(1f);
        y.attach(m);
        ExplicitGuidance.Builder b = ExplicitGuidance.builder().setOperator(op).optSigmaY(sigmaY);
        Representation r = null;
        if (restoration != null) {
            NDArray lq = LearnedFactory.lq(restoration, lr, scale);
            lq.attach(m);
            Representation rep = restoration.encode(lq);
            r = rep;
            // R works on [0,1] images at the model's LQ size; the guidance speaks [-1,1] at LR size.
            b.setOperator(op).optAlpha(alpha).optRestoration(v -> {
                try (NDArray v01 = v.add(1f).divi(2f); NDArray in = LearnedFactory.lq(restoration, v01, scale)) {
                    return restoration.restore(in, rep).muli(2f).subi(1f);
                }
            });
        }
        ExplicitGuidance.Bound hook = b.build().bind(y);
        Representation toClose = r;
        return new Bound() {
            @Override
            public NDArray apply(NDArray x0, StepInfo step) {
                return hook.apply(x0, step);
            }

            @Override
            public NDArray anchor() {
                return GuidanceFactory.bicubicAnchor(lr, scale);
            }

            @Override
            public void close() {
                hook.close();
                if (toClose != null) {
                    toClose.close();
                }
                m.close();
            }
        };
    }
}
