package org.dadiff4j.data;

/** Independent per-item seeds from one base seed (SplitMix64's mixing), so item i never depends on item i-1. */
public final class Seeds {

    private Seeds() {}

    /** A well-mixed seed for item {@code index} of a run seeded with {@code base}. */
    public static long of(long base, long index) {
        long z = base + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
