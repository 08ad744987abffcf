package org.dadiff4j;

/**
 * Process-wide settings of the native engine, applied before DJL first loads PyTorch.
 *
 * <p>On a 2-core machine two intra-op threads beat one for whole networks; one inter-op thread
 * avoids oversubscription because our graphs are sequential. DJL reads these properties once, when
 * the engine starts, so {@link #configure} must run before any NDManager is created.
 */
public final class Runtime {

    /** Default intra-op threads: all cores, as measured best on the 2-core reference machine. */
    public static final int DEFAULT_THREADS =
            Math.max(1, java.lang.Runtime.getRuntime().availableProcessors());

    private Runtime() {}

    /** Sets offline mode and thread counts; {@code threads <= 0} keeps the default. */
    public static void configure(int threads) {
        int n = threads > 0 ? threads : DEFAULT_THREADS;
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
}
