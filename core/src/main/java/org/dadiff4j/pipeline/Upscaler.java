package org.dadiff4j.pipeline;

import org.dadiff4j.image.Picture;

/** Turns one low-resolution picture into a high-resolution one. Implementations are reusable. */
public interface Upscaler extends AutoCloseable {

    /** The integer upscaling factor. */
    int scale();

    /** The number of progress ticks {@link #upscale} reports for one picture. */
    default int steps() {
        return 1;
    }

    /**
     * Upscales {@code lr}. Gray stays gray, alpha is resized with bicubic and attached again, bit
     * depth is kept; the colour planes are restored by the method.
     *
     * @param seed the seed of every random draw for this picture
     * @param progress told about each step
     */
    Picture upscale(Picture lr, long seed, ProgressListener progress);

    @Override
    default void close() {}
}
