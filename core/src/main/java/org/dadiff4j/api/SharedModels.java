package org.dadiff4j.api;

import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
 * <p>{@link #concurrent} networks are shared by instances that run at the same time instead, one
 * per thread (a Spark executor's task slots): the calls only read the weights, which record no
 * gradients, and each call's arrays are its own.
 *
 * <p>{@link #of} takes networks that are already loaded instead of files: networks built in code,
 * or wrapped to be timed or traced (as {@code dadiff bench} does).
 *
 * <p>Close it after the instances built with it; it waits for their running calls, and their
 * calls fail afterwards. Thread-safe.
 */
public final class SharedModels implements AutoCloseable {

    private final ModelFiles files;
    /** Where the networks loaded from files live; null for {@link #of}, which loads none. */
    private final NDManager manager;
    private final Map<String, Upscalers.Models> byScale = new HashMap<>();
    /** The caller's networks ({@link #of}), or null where they are loaded from {@link #files}. */
    private final Upscalers.Models given;
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
        this.given = null;
        this.manager = NDManager.newBaseManager();
    }

    private SharedModels(Upscalers.Models given) {
        this.files = ModelFiles.DEFAULTS;
        this.lock = new ReentrantLock();
        this.given = given;
        this.manager = null;
    }

    /**
     * Networks the caller has loaded, for every scale and mode: nothing is loaded from files, and
     * no file is hashed ({@link Dadiff#modelHashes} stays empty). The caller closes them, after the
     * instances built with them; {@link #close} leaves them alone. Their instances run one at a time.
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

    /** Whether {@link #close} has run; read under {@link #use}. */
    boolean isClosed() {
        return closed;
    }

    /** Frees every network loaded (not those given to {@link #of}), once the running calls have ended. */
    @Override
    public void close() {
        use.writeLock().lock();
        try {
            synchronized (this) {
                if (!closed) {
                    closed = true;
                    byScale.values().forEach(Upscalers.Models::close);
                    byScale.clear();
                    if (manager != null) {
                        manager.close();
                    }
                }
            }
        } finally {
            use.writeLock().unlock();
        }
    }
}
