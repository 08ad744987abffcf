package org.dadiff4j.api;

import java.awt.image.BufferedImage;

/**
 * Told after each step of an upscale: a sampling step of the diffusion methods, or the single step
 * of {@code restore} and {@code bicubic}. Called on the upscaling thread; keep it quick.
 */
@FunctionalInterface
public interface UpscaleProgress {

    /** A listener that ignores everything. */
    UpscaleProgress NONE = (done, total) -> { };

    /**
     * @param done steps finished so far, 1 to {@code total}
     * @param total steps of this image
     */
    void onStep(int done, int total);

    /**
     * Every how many steps {@link #onPreview} wants the current clean estimate (0, the default:
     * never). Making a preview costs a copy of the image out of the engine, so keep it sparse.
     */
    default int previewEvery() {
        return 0;
    }

    /**
     * The current estimate of the clean image (x0 of the diffusion methods), at output size, after
     * step {@code done} when {@code done} is a multiple of {@link #previewEvery} below {@code total}.
     * Called on the upscaling thread, before {@link #onStep} of the same step.
     */
    default void onPreview(int done, int total, BufferedImage x0) {}
}
