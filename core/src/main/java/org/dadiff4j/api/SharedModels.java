package org.dadiff4j.api;

import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.kernel.KernelEstimator;
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
 *
 * <p>{@link #of} takes networks that are already loaded instead of files: networks built in code,
 * or wrapped to be timed or traced (as {@code dadiff bench} does).
 */
public final class SharedModels implements AutoCloseable {

    private final ModelFiles files;
    /** Where the networks loaded from files live; null for {@link #of}, which loads none. */
    private final NDManager manager;
    private final Map<String, Upscalers.Models> byScale = new HashMap<>();
    /** The caller's networks ({@link #of}), or null where they are loaded from {@link #files}. */
    private final Upscalers.Models given;
    final ReentrantLock lock = new ReentrantLock();

    /** @param files the model files (null entries: the embedded defaults) */
    public SharedModels(ModelFiles files) {
        this.files = files;
        this.given = null;
        this.manager = NDManager.newBaseManager();
    }

    private SharedModels(Upscalers.Models given) {
        this.files = ModelFiles.DEFAULTS;
        this.given = given;
        this.manager = null;
    }

    /**
     * Networks the caller has loaded, for every scale and mode: nothing is loaded from files, and
     * no file is hashed ({@link Dadiff#modelHashes} stays empty). The caller closes them, after the
     * instances built with them; {@link #close} leaves them alone.
     *
     * @param prior the diffusion prior of {@code dadiff}, {@code ddnm}, {@code explicit}, {@code combine}; or null
     * @param degradation E, Gd, Gr of {@code dadiff}, {@code restore}, {@code combine}; or null
     * @param kernelEstimator the blur-kernel estimator of {@code explicit}, {@code combine}; or null
     */
    public static SharedModels of(DiffusionPrior prior, DegradationAwareModel degradation, KernelEstimator kernelEstimator) {
        Upscalers.Models m = new Upscalers.Models();
        m.prior = prior;
        m.degradation = degradation;
        m.kernelEstimator = kernelEstimator;
        return new SharedModels(m);
    }

    /** The model files these networks are loaded from. */
    public ModelFiles files() {
        return files;
    }

    /** The models {@code method} needs at this scale: those loaded before, and the others loaded now. */
    synchronized Upscalers.Models load(Method method, int scale, boolean official, Map<String, String> hashes) {
        if (given != null) {
            return given; // the upscaler refuses a method whose network is missing
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

    /** Frees every network loaded (not those given to {@link #of}). */
    @Override
    public void close() {
        lock.lock();
        try {
            synchronized (this) {
                byScale.values().forEach(Upscalers.Models::close);
                byScale.clear();
                if (manager != null) {
                    manager.close();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
