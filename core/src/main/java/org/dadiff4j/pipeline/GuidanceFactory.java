package org.dadiff4j.pipeline;

import ai.djl.ndarray.NDArray;
import org.dadiff4j.sampling.X0Hook;

/**
 * Makes the x0 hook of one image from its low-resolution input. The hook may hold per-image
 * invariants (E(y), y_p, Gr(y_p)) computed once; they are released by {@link Bound#close()}.
 */
public interface GuidanceFactory {

    /** A hook bound to one image. */
    interface Bound extends X0Hook, AutoCloseable {
        @Override
        void close();
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
