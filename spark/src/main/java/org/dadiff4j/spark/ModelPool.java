package org.dadiff4j.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.dadiff4j.api.Dadiff;
import org.dadiff4j.api.SharedModels;

/**
 * The models of one executor JVM: the networks are loaded once, when a task first needs them, kept
 * for the following tasks, and closed when the JVM exits. The tasks an executor runs at the same
 * time (cores / spark.task.cpus) each borrow an upscaler of their own, a light object over those
 * networks ({@link SharedModels#concurrent}), so that they run in parallel on one copy of the
 * weights. Networks are keyed by the model files, upscalers also by the job's settings and threads,
 * so jobs with other settings in the same JVM (local mode, tests) share the networks but never an upscaler.
 */
final class ModelPool {

    private static final Map<String, SharedModels> NETWORKS = new HashMap<>();
    private static final Map<String, ConcurrentLinkedDeque<Dadiff>> IDLE = new ConcurrentHashMap<>();
    private static final List<Dadiff> ALL = new ArrayList<>();
    private static boolean hooked;

    private ModelPool() {}

    /** An upscaler for these options, with {@code threads} engine threads; give it back with {@link #release}. */
    static Dadiff borrow(JobOptions options, int threads) {
        Dadiff d = IDLE.computeIfAbsent(key(options, threads), k -> new ConcurrentLinkedDeque<>()).pollFirst();
        if (d != null) {
            return d;
        }
        d = Dadiff.builder().optSettings(options.settings()).optShared(networks(options)).optThreads(threads).build();
        synchronized (ALL) {
            ALL.add(d);
        }
        return d;
    }

    static void release(JobOptions options, int threads, Dadiff d) {
        IDLE.get(key(options, threads)).addFirst(d);
    }

    /** How many upscalers this JVM has built (tests: one per concurrently running task, not one per task). */
    static int built() {
        synchronized (ALL) {
            return ALL.size();
        }
    }

    /** How many sets of networks this JVM has loaded (tests: one, however many tasks run at once). */
    static int networksLoaded() {
        synchronized (NETWORKS) {
            return NETWORKS.size();
        }
    }

    private static SharedModels networks(JobOptions options) {
        synchronized (NETWORKS) {
            if (!hooked) {
                hooked = true;
                java.lang.Runtime.getRuntime().addShutdownHook(new Thread(ModelPool::closeAll, "dadiff4j-models-close"));
            }
            // loaded lazily, per method and scale, by the first upscaler that needs them (SharedModels.load)
            return NETWORKS.computeIfAbsent(files(options), k -> SharedModels.concurrent(options.models()));
        }
    }

    /** At JVM exit. A call still running is waited for: it ends at its next step where Spark interrupted its task. */
    private static void closeAll() {
        synchronized (ALL) {
            ALL.forEach(Dadiff::close);
            ALL.clear();
        }
        IDLE.clear();
        synchronized (NETWORKS) {
            NETWORKS.values().forEach(SharedModels::close);
            NETWORKS.clear();
        }
    }

    private static String key(JobOptions o, int threads) {
        return o.settings() + "|" + files(o) + "|" + threads;
    }

    private static String files(JobOptions o) {
        return o.prior + "|" + o.priorConfig + "|" + o.degradation + "|" + o.kernelEstimator;
    }
}
