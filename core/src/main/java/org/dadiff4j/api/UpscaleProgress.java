package org.dadiff4j.api;

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
}
