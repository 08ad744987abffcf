package org.dadiff4j.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.dadiff4j.sampling.X0Hook;

/**
 * Makes the x0 hook of one image from its low-resolution input. The hook may hold per-image
 * invariants (E(y), y_p, Gr(y_p)) computed once; they are released by {@link Bound#close()}.
 */
public interface GuidanceFactory {

    /** A hook bound to one image. */
    interface Bound extends X0Hook, AutoCloseable {
        /**
         * The image a run that starts part-way is anchored on, at output size in [-1, 1] units,
         * in the input's manager (the caller closes it): the method's own restoration where it
         * has one (Gr(y) for DADiff), otherwise the bicubic enlargement.
         */
        NDArray anchor();

        @Override
        void close();
    }

    /** The bicubic enlargement of {@code lr} ([1,3,h,w] in [0,1]) by {@code scale}, in [-1, 1] units. */
    static NDArray bicubicAnchor(NDArray lr, int scale) {
        Shape s = lr.getShape();
        NDArray up = org.dadiff4j.image.Resize.bicubicPil(lr, (int) s.get(2) * scale, (int) s.get(3) * scale);
        return up.muli(2f).subi(1f);
    }

    /**
     * @param lr the low-resolution input, [1,3,h,w] in [0,1], already padded like the output
     * @param scale the upscaling factor; the sample is [1,3,h*scale,w*scale]
     */
    Bound bind(NDArray lr, int scale);

    /** Output heights and widths must be multiples of this (the guidance networks' constraint). */
    default int sizeMultiple() {
        return 1;
    }
}
