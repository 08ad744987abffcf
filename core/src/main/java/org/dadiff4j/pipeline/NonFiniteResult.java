package org.dadiff4j.pipeline;

import ai.djl.ndarray.NDArray;
import org.dadiff4j.DadiffException;
import org.dadiff4j.image.Picture;

/**
 * A network output or a result that holds NaN or infinite values: a failure, never an image. The
 * batch runner adds the input file and the model files to the message.
 */
public final class NonFiniteResult extends DadiffException {

    private static final long serialVersionUID = 1L;

    NonFiniteResult(String message) {
        super(message);
    }

    /** Throws when {@code out}, the output of {@code network}, holds a NaN or an infinity. */
    static void check(NDArray out, String network) {
        try (NDArray bad = out.isNaN().logicalOr(out.isInfinite()).any()) {
            if (bad.getBoolean()) {
                throw new NonFiniteResult("the " + network + " produced NaN or infinite values");
            }
        }
    }

    /** Throws when a plane of {@code p} holds a NaN or an infinity. */
    static void check(Picture p, String what) {
        for (float[] plane : p.planes()) {
            for (float v : plane) {
                if (!Float.isFinite(v)) {
                    throw new NonFiniteResult(what + " holds NaN or infinite values");
                }
            }
        }
    }
}
