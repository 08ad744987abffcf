package org.dadiff4j.pipeline;

/** Progress of a batch: images, and steps inside each image. */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {};

    /** Image {@code index} (0-based) of {@code count} starts; it will report {@code steps} steps. */
    default void imageStarted(int index, int count, String name, int steps) {}

    /** One more step of the current image is done. */
    default void stepDone(int step, int steps) {}

    /** The current image is done (written, skipped or failed). */
    default void imageDone(int index, String name, String outcome) {}
}
