package org.dadiff4j.data;

import org.dadiff4j.degrade.Degraded;
import org.dadiff4j.degrade.Planes;

/** One training sample: an augmented HR crop and its synthetic LR version. */
public final class TrainingPair {

    public final long index;
    public final Planes hr;
    /** The LR image; null from a loader of HR crops only. */
    public final Planes lr;
    /** What the pipeline did, including the first-stage kernel for explicit-kernel training; null like {@link #lr}. */
    public final Degraded degraded;
    public final String source;
    /** {x, y, size} of the crop in the (prescaled) source, before the dihedral transform. */
    public final int[] box;
    /** {@link Augment#dihedral} transform 0..7. */
    public final int transform;

    TrainingPair(long index, Planes hr, Degraded degraded, String source, int[] box, int transform) {
        this.index = index;
        this.hr = hr;
        this.lr = degraded == null ? null : degraded.lr;
        this.degraded = degraded;
        this.source = source;
        this.box = box;
        this.transform = transform;
    }
}
