package org.dadiff4j;

import java.nio.file.Path;

/**
 * Bounds on the sizes that come from outside files, checked before memory is spent on them: a
 * header, a shape or a zip directory says how much to allocate, and a small hostile file must not
 * be able to make that gigabytes. Image sizes have their own limits in {@code image.ImageLimits};
 * option ranges are checked where the options are (UpscaleSettings, Main).
 */
public final class Limits {

    /** One tensor or storage: Java buffers are int-indexed. */
    public static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8L;
    /** A checkpoint's pickle (the structure, not the weights; real ones are below 1 MB). */
    public static final long MAX_PICKLE_BYTES = 256L << 20;
    /** A JSON config or sidecar (real ones are below 10 kB). */
    public static final long MAX_JSON_BYTES = 16L << 20;
    /**
     * A compressed zip member may expand to at most this many times its stored size, plus
     * {@link #INFLATE_ALLOWANCE}: torch.save stores members uncompressed, weights compress little,
     * and deflate reaches about 1000x only on data made to be a bomb.
     */
    public static final long MAX_INFLATE_RATIO = 100;
    /** Expansion always allowed, whatever the ratio. */
    public static final long INFLATE_ALLOWANCE = 16L << 20;

    private Limits() {}

    /** {@code a * b}, or a DadiffException naming {@code file} when it overflows a long. */
    public static long multiply(Path file, long a, long b, String what) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw DadiffException.of(file, what + " overflows (" + a + " x " + b + ")");
        }
    }

    /** The most a zip member of {@code compressed} stored bytes may expand to. */
    public static long maxInflated(long compressed) {
        return Math.max(0, compressed) * MAX_INFLATE_RATIO + INFLATE_ALLOWANCE;
    }

    /**
     * Throws a DadiffException naming {@code file} unless {@code bytes} more fit in the Java heap
     * now (after a collection of what is free), so that a large but honest file is refused with the
     * size it needs instead of failing half-way with an OutOfMemoryError.
     */
    public static void requireHeap(Path file, long bytes, String what) {
        java.lang.Runtime rt = java.lang.Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes <= free) {
            return;
        }
        System.gc();
        free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free) {
            throw DadiffException.of(file, what + " needs " + mib(bytes) + " MiB of memory, but only " + mib(free)
                    + " MiB of the Java heap (" + mib(rt.maxMemory()) + " MiB) are free; raise -Xmx in DADIFF_JAVA_OPTS");
        }
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
