package org.dadiff4j.pipeline;

import org.dadiff4j.image.Picture;

/** Progress of a batch: images, and steps inside each image. */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {};

    /** Image {@code index} (0-based) of {@code count} starts; it will report {@code steps} steps. */
    default void imageStarted(int index, int count, String name, int steps) {}

    /** One more step of the current image is done. */
    default void stepDone(int step, int steps) {}

    /** Whether {@link #preview} wants the clean estimate after this step (default: no; it costs a copy). */
    default boolean wantsPreview(int step, int steps) {
        return false;
    }

    /** The current clean estimate x0 at output size, after {@code step}, where {@link #wantsPreview} asked. */
    default void preview(int step, int steps, Picture x0) {}

    /** The current image is done (written, skipped or failed). */
    default void imageDone(int index, String name, String outcome) {}
}
