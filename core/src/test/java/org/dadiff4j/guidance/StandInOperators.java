package org.dadiff4j.guidance;

import ai.djl.ndarray.NDArray;
import org.dadiff4j.degrade.operator.AveragePool;

/**
 * The fixed A and A-dagger of reference/dadiff-loop-small that stand in for the MSDI2E networks:
 * A(z) = nearest-x4(avgpool4(z)) at HR size, Ap(z) = 0.5*z + 0.5*A(z).
 */
final class StandInOperators {

    private static final AveragePool POOL = AveragePool.torch(4);

    private StandInOperators() {}

    static NDArray degrade(NDArray z) {
        try (NDArray low = POOL.apply(z)) {
            return POOL.pinv(low);
        }
    }

    static NDArray restore(NDArray z) {
        try (NDArray a = degrade(z); NDArray half = a.mul(0.5f)) {
            return z.mul(0.5f).addi(half);
        }
    }
}
