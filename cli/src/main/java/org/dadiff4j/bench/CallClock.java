package org.dadiff4j.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Sums the wall time and the number of calls of network forwards, by label. PyTorch's CPU ops run
 * synchronously, so the time a call takes is the time its computation takes.
 */
public final class CallClock {

    private final Map<String, long[]> totals = new LinkedHashMap<>();
    private final java.util.function.LongSupplier nanoTime;

    public CallClock() {
        this(System::nanoTime);
    }

    /** With another time source (tests use a fake one). */
    CallClock(java.util.function.LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Runs {@code call}, adding its duration to {@code label}. */
    public <T> T time(String label, Supplier<T> call) {
        long start = nanoTime.getAsLong();
        try {
            return call.get();
        } finally {
            long[] t = totals.computeIfAbsent(label, k -> new long[2]);
            t[0] += nanoTime.getAsLong() - start;
            t[1]++;
        }
    }

    /** Seconds spent in calls of {@code label}. */
    public double seconds(String label) {
        long[] t = totals.get(label);
        return t == null ? 0 : t[0] / 1e9;
    }

    /** Calls of {@code label}. */
    public long calls(String label) {
        long[] t = totals.get(label);
        return t == null ? 0 : t[1];
    }

    /** Seconds spent in all timed calls. */
    public double seconds() {
        long sum = 0;
        for (long[] t : totals.values()) {
            sum += t[0];
        }
        return sum / 1e9;
    }

    /** The current time of this clock's source, in seconds (for wall times on the same scale). */
    public double now() {
        return nanoTime.getAsLong() / 1e9;
    }

    public void reset() {
        totals.clear();
    }
}
