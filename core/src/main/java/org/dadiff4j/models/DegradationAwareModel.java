package org.dadiff4j.models;

import ai.djl.ndarray.NDArray;

/**
 * The role of a degradation-aware model in guided sampling: an encoder E that reads the
 * degradation of one low-quality image, a degradation net Gd (HQ to LQ, DADiff's A) and a
 * restoration net Gr (LQ to HQ, DADiff's A-dagger), both conditioned on what E read.
 *
 * <p>Images are NCHW float32 in {@link Domain#low()}..{@link Domain#high()}. Results are attached
 * to the manager of the image passed in. Implementations may keep state that advances per call
 * (the official MSDI2E does), so calls are not required to be repeatable.
 */
public interface DegradationAwareModel {

    /** Value range and geometry of the images this model takes and returns. */
    Domain domain();

    /** E(lq): the degradation representation of one LQ image, to be reused for all its calls. */
    Representation encode(NDArray lq);

    /** Gd: the degraded version of HQ image {@code x} under representation {@code r}. */
    NDArray degrade(NDArray x, Representation r);

    /** Gr: the restored version of LQ image {@code y} under representation {@code r}. */
    NDArray restore(NDArray y, Representation r);

    /**
     * E's representation restricted to the region [y, y+h) x [x, x+w) of the LQ image it was read
     * from, so that Gd and Gr can run on tiles of a large image; null when this model cannot (its
     * calls are not independent per tile). Closing the result leaves {@code r} open.
     */
    default Representation crop(Representation r, int y, int x, int h, int w) {
        return null;
    }

    /**
     * The region of a representation map at a resolution {@code lqH / map height} times below the
     * LQ image's (1 for a map at LQ resolution); a map of one value per image ([N, C, 1, 1], or
     * below four dimensions) applies everywhere and is returned as is. Null when the region does
     * not fall on whole map pixels.
     */
    static NDArray cropMap(NDArray map, long lqH, long lqW, int y, int x, int h, int w) {
        if (map.getShape().dimension() < 4 || map.getShape().get(2) == 1 && map.getShape().get(3) == 1) {
            return map;
        }
        long mh = map.getShape().get(2);
        long mw = map.getShape().get(3);
        if (lqH % mh != 0 || lqW % mw != 0) {
            return null;
        }
        long fy = lqH / mh;
        long fx = lqW / mw;
        if (y % fy != 0 || h % fy != 0 || x % fx != 0 || w % fx != 0) {
            return null;
        }
        return map.get(new ai.djl.ndarray.index.NDIndex(":, :, {}:{}, {}:{}", y / fy, (y + h) / fy, x / fx, (x + w) / fx));
    }

    /** What {@link #encode} returns; holds native memory until closed. */
    interface Representation extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param low lowest image value (0 for [0, 1] images)
     * @param high highest image value
     * @param lqAtHrSize true when LQ images live at HR size (LR bilinearly upsampled first), so
     *     that {@link #degrade} returns an HR-sized image and {@link #restore} takes one
     * @param sizeMultiple height and width must be multiples of this
     */
    record Domain(float low, float high, boolean lqAtHrSize, int sizeMultiple) {}
}
