package org.dadiff4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.dadiff4j.api.Dadiff;

/**
 * The upscalers of one executor JVM: built lazily, when a task first needs one, kept for the
 * following tasks, and closed when the JVM exits. A {@link Dadiff} runs one image at a time, so an
 * executor that runs several tasks at once (cores / spark.task.cpus) holds one per running task;
 * a task borrows one for its partition and returns it. Instances are keyed by the job's settings and
 * model files, so jobs with other settings in the same JVM (local mode, tests) never share one.
 */
final class ModelPool {

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
        d = Dadiff.builder().optSettings(options.settings()).optModels(options.models()).optThreads(threads).build();
        synchronized (ALL) {
            ALL.add(d);
            if (!hooked) {
                hooked = true;
                java.lang.Runtime.getRuntime().addShutdownHook(new Thread(ModelPool::closeAll, "dadiff4j-models-close"));
            }
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

    private static void closeAll() {
        synchronized (ALL) {
            ALL.forEach(Dadiff::close);
            ALL.clear();
        }
        IDLE.clear();
    }

    private static String key(JobOptions o, int threads) {
        return o.settings() + "|" + o.prior + "|" + o.priorConfig + "|" + o.degradation + "|" + o.kernelEstimator + "|" + threads;
    }
}
