package org.dadiff4j;

/**
 * Process-wide settings of the native engine, applied before DJL first loads PyTorch.
 *
 * <p>On a 2-core machine two intra-op threads beat one for whole networks; one inter-op thread
 * avoids oversubscription because our graphs are sequential. DJL reads these properties once, when
 * the engine starts, so {@link #configure} must run before any NDManager is created.
 *
 * <p>OpenMP's default active wait makes two threads 20-40x slower than one as soon as another
 * process competes for the cores (measured: adm-small 64x64 forward 0.08 s alone, 2-3 s with a
 * load of 3). {@code OMP_WAIT_POLICY=PASSIVE} removes that cliff, but it is read from the
 * environment when the native library loads, so the launcher and the test runner set it.
 */
public final class Runtime {

    /** Default intra-op threads: all cores, as measured best on the 2-core reference machine. */
    public static final int DEFAULT_THREADS =
            Math.max(1, java.lang.Runtime.getRuntime().availableProcessors());

    /**
     * Most intra-op threads accepted: four per core. More only adds contention (thousands of
     * threads stall the native engine and delay its reaction to a signal by a minute).
     */
    public static final int MAX_THREADS = 4 * DEFAULT_THREADS;

    private Runtime() {}

    /** Sets offline mode and thread counts; {@code threads <= 0} keeps the default. */
    public static void configure(int threads) {
        int n = threads > 0 ? threads : DEFAULT_THREADS;
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
}
