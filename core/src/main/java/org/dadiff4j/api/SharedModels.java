package org.dadiff4j.api;

import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.dadiff4j.pipeline.Method;
import org.dadiff4j.pipeline.ModelFiles;
import org.dadiff4j.pipeline.Upscalers;

/**
 * Networks loaded once for several {@link Dadiff} instances that differ only in their settings
 * (steps, strength, method, scale), as a server keeps one instance per setting: each model file is
 * loaded on first use and kept until {@link #close}. The instances built with it
 * ({@link Dadiff.Builder#optShared}) run one at a time, as calls of one instance do.
 *
 * <pre>{@code
 * try (SharedModels shared = new SharedModels(ModelFiles.DEFAULTS)) {
 *     Dadiff fast = Dadiff.builder().optShared(shared).optSteps(20).build();
 *     Dadiff full = Dadiff.builder().optShared(shared).optSteps(100).build();   // loads nothing more
 * }
 * }</pre>
 *
 * <p>{@link #concurrent} networks are shared by instances that run at the same time instead, one
 * per thread (a Spark executor's task slots): the calls only read the weights, which record no
 * gradients, and each call's arrays are its own.
 *
 * <p>Close it after the instances built with it; it waits for their running calls, and their
 * calls fail afterwards. Thread-safe.
 */
public final class SharedModels implements AutoCloseable {

    private final ModelFiles files;
    private final NDManager manager = NDManager.newBaseManager();
    private final Map<String, Upscalers.Models> byScale = new HashMap<>();
    /** Taken by every call of the instances, unless they run {@link #concurrent}ly. */
    final ReentrantLock lock;
    /** Read by every call of the instances, written by {@link #close}: the networks are not freed under a call. */
    final ReentrantReadWriteLock use = new ReentrantReadWriteLock();
    private boolean closed;

    /** @param files the model files (null entries: the embedded defaults) */
    public SharedModels(ModelFiles files) {
        this(files, new ReentrantLock());
    }

    private SharedModels(ModelFiles files, ReentrantLock lock) {
        this.files = files;
        this.lock = lock;
    }

    /**
     * Networks for instances that run at the same time, each call on its own thread: each instance
     * still runs one call at a time. Every call then takes the engine threads its instance was
     * given ({@link Dadiff.Builder#optThreads}); give each {@code cores / instances}.
     *
     * @param files the model files (null entries: the embedded defaults)
     */
    public static SharedModels concurrent(ModelFiles files) {
        return new SharedModels(files, null);
    }

    /** The model files these networks are loaded from. */
    public ModelFiles files() {
        return files;
    }

    /** Whether the instances built with these networks run at the same time. */
    public boolean isConcurrent() {
        return lock == null;
    }

    /** The models {@code method} needs at this scale: those loaded before, and the others loaded now. */
    synchronized Upscalers.Models load(Method method, int scale, boolean official, Map<String, String> hashes) {
        if (closed) {
            throw new IllegalStateException("these shared models are closed");
        }
        Upscalers.Models have = byScale.computeIfAbsent(scale + "/" + official, k -> new Upscalers.Models());
        // The prior and the kernel estimator do not depend on the scale: any scale's copy serves.
        for (Upscalers.Models other : byScale.values()) {
            have.prior = have.prior != null ? have.prior : other.prior;
            have.kernelEstimator = have.kernelEstimator != null ? have.kernelEstimator : other.kernelEstimator;
        }
        Upscalers.Models got = files.load(List.of(method), scale, official, manager, hashes, have);
        have.prior = got.prior != null ? got.prior : have.prior;
        have.degradation = got.degradation != null ? got.degradation : have.degradation;
        have.kernelEstimator = got.kernelEstimator != null ? got.kernelEstimator : have.kernelEstimator;
        return got;
    }

    /** Whether {@link #close} has run; read under {@link #use}. */
    boolean isClosed() {
        return closed;
    }

    /** Frees every network loaded, once the running calls have ended. */
    @Override
    public void close() {
        use.writeLock().lock();
        try {
            synchronized (this) {
                if (!closed) {
                    closed = true;
                    byScale.values().forEach(Upscalers.Models::close);
                    byScale.clear();
                    manager.close();
                }
            }
        } finally {
            use.writeLock().unlock();
        }
    }
}
