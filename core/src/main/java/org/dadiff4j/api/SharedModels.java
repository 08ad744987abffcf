package org.dadiff4j.api;

import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
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
 * Close it after the instances built with it; their calls fail afterwards. Thread-safe.
 */
public final class SharedModels implements AutoCloseable {

    private final ModelFiles files;
    private final NDManager manager = NDManager.newBaseManager();
    private final Map<String, Upscalers.Models> byScale = new HashMap<>();
    final ReentrantLock lock = new ReentrantLock();

    /** @param files the model files (null entries: the embedded defaults) */
    public SharedModels(ModelFiles files) {
        this.files = files;
    }

    /** The model files these networks are loaded from. */
    public ModelFiles files() {
        return files;
    }

    /** The models {@code method} needs at this scale: those loaded before, and the others loaded now. */
    synchronized Upscalers.Models load(Method method, int scale, boolean official, Map<String, String> hashes) {
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

    /** Frees every network loaded. */
    @Override
    public void close() {
        lock.lock();
        try {
            synchronized (this) {
                byScale.values().forEach(Upscalers.Models::close);
                byScale.clear();
                manager.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
