package org.dadiff4j.pipeline;

import ai.djl.ndarray.NDArray;
import org.dadiff4j.degrade.operator.AveragePool;
import org.dadiff4j.guidance.DdnmGuidance;

/** The DDNM baseline: A = s x s average pooling, A-dagger = patch upsampling (paper Eq. 7). */
public final class DdnmFactory implements GuidanceFactory {

    private final float sigmaY;

    /** @param sigmaY measurement noise in [0,1] units (DDNM+); 0 for plain DDNM */
    public DdnmFactory(float sigmaY) {
        this.sigmaY = sigmaY;
    }

    @Override
    public Bound bind(NDArray lr, int scale) {
        // The sample lives in [-1,1] units and average pooling commutes with 2x-1.
        NDArray y = lr.mul(2f).subi(1f);
        DdnmGuidance g = new DdnmGuidance(new AveragePool(scale), y, sigmaY);
        return new Bound() {
            @Override
            public NDArray apply(NDArray x0, org.dadiff4j.sampling.StepInfo step) {
                return g.apply(x0, step);
            }

            @Override
            public NDArray anchor() {
                return GuidanceFactory.bicubicAnchor(lr, scale);
            }

            @Override
            public void close() {
                y.close();
            }
        };
    }
}
