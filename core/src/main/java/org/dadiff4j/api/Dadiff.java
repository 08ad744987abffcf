package org.dadiff4j.api;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import org.dadiff4j.DadiffException;
import org.dadiff4j.ImageException;
import org.dadiff4j.Problems;
import org.dadiff4j.SettingsException;
import org.dadiff4j.image.BufferedImages;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;
import org.dadiff4j.image.WriteOptions;
import org.dadiff4j.pipeline.InputCheck;
import org.dadiff4j.pipeline.Method;
import org.dadiff4j.pipeline.ModelFiles;
import org.dadiff4j.pipeline.ProgressListener;
import org.dadiff4j.pipeline.Upscaler;
import org.dadiff4j.pipeline.Upscalers;
import org.dadiff4j.sampling.StepListener;

/**
 * Blind super-resolution in one object: the models of a method, loaded once, and its settings.
 *
 * <pre>{@code
 * try (Dadiff dadiff = Dadiff.builder().optScale(4).optSteps(50).build()) {
 *     BufferedImage hr = dadiff.upscale(ImageIO.read(new File("photo.png")));
 * }
 * }</pre>
 *
 * <p><b>Models.</b> Unless given as files ({@link Builder#optPrior}, {@link Builder#optDegradation},
 * {@link Builder#optKernelEstimator}), the embedded defaults are used: the artifact
 * {@code org.dadiff4j:dadiff4j-models} on the classpath, or the folder of {@code -Ddadiff.models}
 * or {@code $DADIFF_MODELS}. The native engine is the application's dependency:
 * {@code ai.djl.pytorch:pytorch-native-cpu} with the platform's classifier.
 *
 * <p><b>Progress and cancellation.</b> A {@link UpscaleProgress} (for every call, or per call) is
 * told after each sampling step. A {@link CancelToken}, or an interrupt of the calling thread, is
 * checked before the run and after every step; the run then frees its native memory and throws
 * {@link CancellationException}. The instance stays usable.
 *
 * <p><b>Threads.</b> An instance may be shared by several threads: calls run one at a time (a
 * call waits for the one before it, and an interrupt ends the wait), because one image already
 * uses every core the engine is given. To run images in parallel, build one instance per thread.
 * Instances that differ only in their settings can share one copy of the networks
 * ({@link SharedModels}); they then run one call at a time between them, or at the same time
 * where the networks are {@link SharedModels#concurrent}.
 * {@link #close} frees the models; calls after it fail.
 *
 * <p><b>Errors.</b> {@link SettingsException} from {@link Builder#build} names the setting at fault;
 * {@link org.dadiff4j.ModelException} says which model is missing or wrong; {@link ImageException}
 * names the image that cannot be read or written. All are {@link DadiffException}s, problems the
 * caller can fix; anything else is a bug.
 */
public final class Dadiff implements Upscaler {

    private final Settings settings;
    private final ModelFiles models;
    private final Map<String, String> modelHashes;
    private final UpscaleProgress progress;
    private final NDManager manager;
    private final Upscalers.Models owned;
    private final Upscaler upscaler;
    private final ReentrantLock lock;
    private final SharedModels shared;
    private final int threads;
    private volatile boolean closed;

    private Dadiff(Builder b, Settings settings) {
        this.settings = settings;
        this.models = b.shared != null ? b.shared.files() : new ModelFiles(b.prior, b.priorConfig, b.degradation, b.kernelEstimator);
        this.progress = b.progress;
        this.threads = b.threads;
        this.shared = b.shared;
        this.lock = b.shared != null && !b.shared.isConcurrent() ? b.shared.lock : new ReentrantLock();
        configureEngine(b.threads);
        Map<String, String> hashes = new LinkedHashMap<>();
        if (b.shared != null) {
            this.manager = null;
            this.owned = null;
            this.upscaler = Upscalers.create(settings.toPipeline(),
                    b.shared.load(settings.method(), settings.scale(), settings.official(), hashes), b.observer);
        } else {
            NDManager m = NDManager.newBaseManager();
            Upscalers.Models loaded = null;
            try {
                loaded = models.load(settings.method(), settings.scale(), settings.official(), m, hashes);
                this.upscaler = Upscalers.create(settings.toPipeline(), loaded, b.observer);
            } catch (RuntimeException e) {
                if (loaded != null) {
                    loaded.close();
                }
                m.close();
                throw e;
            }
            this.manager = m;
            this.owned = loaded;
        }
        this.modelHashes = Collections.unmodifiableMap(hashes);
        if (b.threads > 0) {
            JniUtils.setNumThreads(b.threads);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings, as validated. */
    public Settings settings() {
        return settings;
    }

    /** The model files given (null where the embedded default is used). */
    public ModelFiles modelFiles() {
        return models;
    }

    /** Every model file loaded, with its SHA-256, in the order loaded. */
    public Map<String, String> modelHashes() {
        return modelHashes;
    }

    @Override
    public int scale() {
        return settings.scale();
    }

    /** Progress steps of one image. */
    @Override
    public int steps() {
        return upscaler.steps();
    }

    /** Upscales an image in memory, with the builder's progress listener and no token. */
    public BufferedImage upscale(BufferedImage image) {
        return upscale(image, progress, null);
    }

    /**
     * Upscales an image in memory. Gray stays gray, alpha is upscaled with bicubic, 16-bit stays
     * 16-bit; an RGB or gray image in an ICC colour space is upscaled on its stored values and
     * returned in the same colour space; other colour spaces (CMYK, Lab) are converted to sRGB first.
     *
     * @param progress told after every step (null: the builder's)
     * @param cancel checked after every step (null: only the thread's interrupt)
     */
    public BufferedImage upscale(BufferedImage image, UpscaleProgress progress, CancelToken cancel) {
        Picture lr = BufferedImages.toPicture(image);
        return BufferedImages.toImage(run("image", lr, settings.seed(), progress, cancel));
    }

    /** Upscales the file {@code in} into {@code out}; see {@link #upscale(Path, Path, UpscaleProgress, CancelToken)}. */
    public void upscale(Path in, Path out) {
        upscale(in, out, progress, null);
    }

    /**
     * Upscales the file {@code in} into {@code out}, whose format is told by its extension
     * ({@code .png}, {@code .jpg}, {@code .tif}). The output is written to a temporary file and renamed, so it
     * is never half-written; its folder must exist.
     *
     * @throws ImageException where {@code in} cannot be read or {@code out} cannot be written
     */
    public void upscale(Path in, Path out, UpscaleProgress progress, CancelToken cancel) {
        upscale(in, out, settings.seed(), progress, cancel);
    }

    /**
     * As {@link #upscale(Path, Path, UpscaleProgress, CancelToken)} with another seed than the
     * settings': a server's jobs share one instance (and its models) but each has its own seed.
     */
    public void upscale(Path in, Path out, long seed, UpscaleProgress progress, CancelToken cancel) {
        Picture hr = run(in.toString(), read(in), seed, progress, cancel);
        write(hr, out, WriteOptions.defaults().optExif(org.dadiff4j.image.Exif.readUpright(in)));
    }

    /** Reads an image from {@code in} and writes the result to {@code out} as {@code format} (png, jpg or tif). */
    public void upscale(InputStream in, OutputStream out, String format) {
        upscale(in, out, format, progress, null);
    }

    /**
     * Reads an encoded image from {@code in} (to its end) and writes the upscaled image to
     * {@code out} encoded as {@code format}: {@code png}, {@code jpg} or {@code tif}. Neither stream is closed.
     */
    public void upscale(InputStream in, OutputStream out, String format, UpscaleProgress progress, CancelToken cancel) {
        WriteOptions.Format f = format(format);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("dadiff4j-stream");
            Path input = dir.resolve("input");
            Files.copy(in, input);
            Picture hr = run("input stream", read(input), settings.seed(), progress, cancel);
            Path output = dir.resolve("output");
            write(hr, output, WriteOptions.defaults().optFormat(f).optExif(org.dadiff4j.image.Exif.readUpright(input)));
            Files.copy(output, out);
            out.flush();
        } catch (IOException e) {
            throw new ImageException("cannot read or write the streams: " + Problems.describe(e), e);
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * The pipeline's entry point, for batch runners: {@code lr} with this seed, reporting to a
     * pipeline listener; the thread's interrupt cancels it.
     */
    @Override
    public Picture upscale(Picture lr, long seed, ProgressListener listener) {
        return locked(() -> {
            CancelToken none = new CancelToken();
            none.check();
            return upscaler.upscale(lr, seed, new ProgressListener() {
                @Override
                public void stepDone(int step, int steps) {
                    listener.stepDone(step, steps);
                    none.check();
                }
            });
        });
    }

    /** Frees the models' native memory. Waits for a running call to end. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                upscaler.close();
                if (owned != null) {
                    owned.close();
                    manager.close();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Picture run(String name, Picture lr, long seed, UpscaleProgress p, CancelToken cancel) {
        UpscaleProgress listener = p != null ? p : progress;
        CancelToken token = cancel != null ? cancel : new CancelToken();
        InputCheck.check(name, lr, settings.scale());
        int every = listener.previewEvery();
        return locked(() -> {
            token.check();
            Picture hr = upscaler.upscale(lr, seed, new ProgressListener() {
                @Override
                public void stepDone(int step, int steps) {
                    listener.onStep(step, steps);
                    token.check();
                }

                @Override
                public boolean wantsPreview(int step, int steps) {
                    return every > 0 && step % every == 0 && step < steps;
                }

                @Override
                public void preview(int step, int steps, Picture x0) {
                    listener.onPreview(step, steps, BufferedImages.toImage(x0));
                }
            });
            token.check();
            return hr;
        });
    }

    private interface Job {
        Picture run();
    }

    private Picture locked(Job job) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for another upscale");
        }
        try {
            if (closed) {
                throw new IllegalStateException("this Dadiff is closed");
            }
            if (shared == null) {
                return runOnThisThread(job);
            }
            shared.use.readLock().lock(); // waits only while the shared models are being closed
            try {
                if (shared.isClosed()) {
                    throw new IllegalStateException("the shared models of this Dadiff are closed");
                }
                return runOnThisThread(job);
            } finally {
                shared.use.readLock().unlock();
            }
        } finally {
            lock.unlock();
        }
    }

    private Picture runOnThisThread(Job job) {
        if (threads > 0) {
            // OpenMP keeps the thread count per calling thread: a pool thread (a Spark task, a
            // server worker) would otherwise run with the default of all cores.
            JniUtils.setNumThreads(threads);
        }
        return job.run();
    }

    private static Picture read(Path in) {
        try {
            return ImageFiles.read(in);
        } catch (ImageException e) {
            throw e;
        } catch (DadiffException e) {
            throw new ImageException(e.getMessage(), e);
        }
    }

    private static void write(Picture hr, Path out, WriteOptions options) {
        try {
            ImageFiles.write(hr, out, options);
        } catch (ImageException e) {
            throw e;
        } catch (DadiffException e) {
            throw new ImageException(e.getMessage(), e);
        }
    }

    private static WriteOptions.Format format(String format) {
        switch (format == null ? "" : format.toLowerCase(Locale.ROOT)) {
            case "png":
                return WriteOptions.Format.PNG;
            case "jpg":
            case "jpeg":
                return WriteOptions.Format.JPEG;
            case "tif":
            case "tiff":
                return WriteOptions.Format.TIFF;
            default:
                throw new SettingsException("format", "format must be png, jpg or tif, got " + format);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
    }

    /** Engine settings are process-wide: threads are set when given, offline mode always. */
    private static void configureEngine(int threads) {
        if (threads > 0) {
            org.dadiff4j.Runtime.configure(threads);
        } else if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }

    /**
     * Builder: every setting has a default ({@code opt*}). {@link #build} validates the settings
     * and loads the models the method needs.
     */
    public static final class Builder {
        private Settings.Builder settings = Settings.builder();
        private Path prior;
        private Path priorConfig;
        private Path degradation;
        private Path kernelEstimator;
        private int threads;
        private UpscaleProgress progress = UpscaleProgress.NONE;
        private SharedModels shared;
        private StepListener observer;

        private Builder() {}

        /**
         * Takes the networks from {@code shared} (loading there what is missing) instead of loading
         * its own; its model files replace those set here. The instance then runs one call at a
         * time with every other instance of {@code shared} (unless they are
         * {@link SharedModels#concurrent}), and {@link #close} leaves the networks to {@code shared}.
         */
        public Builder optShared(SharedModels shared) {
            this.shared = shared;
            return this;
        }

        /** All settings at once (replaces those set before). */
        public Builder optSettings(Settings s) {
            this.settings = s.toBuilder();
            return this;
        }

        /** The restoration method (default {@link Method#DADIFF}). */
        public Builder optMethod(Method method) {
            settings.optMethod(method);
            return this;
        }

        /** See {@link Settings.Builder#optScale}. */
        public Builder optScale(int scale) {
            settings.optScale(scale);
            return this;
        }

        /** See {@link Settings.Builder#optSteps}. */
        public Builder optSteps(int steps) {
            settings.optSteps(steps);
            return this;
        }

        /** See {@link Settings.Builder#optStrength}. */
        public Builder optStrength(double strength) {
            settings.optStrength(strength);
            return this;
        }

        /** See {@link Settings.Builder#optAlpha}. */
        public Builder optAlpha(double alpha) {
            settings.optAlpha(alpha);
            return this;
        }

        /** See {@link Settings.Builder#optSeed}. */
        public Builder optSeed(long seed) {
            settings.optSeed(seed);
            return this;
        }

        /** A diffusion prior file (ours, or an official checkpoint) instead of the embedded one. */
        public Builder optPrior(Path prior) {
            this.prior = prior;
            return this;
        }

        /** The prior's layout (guided-diffusion flags or a DDPM config) where the file cannot tell it. */
        public Builder optPriorConfig(Path priorConfig) {
            this.priorConfig = priorConfig;
            return this;
        }

        /** A degradation-aware model (E, Gd, Gr; ours or DADiff's MSDI2E) instead of the embedded one of the scale. */
        public Builder optDegradation(Path degradation) {
            this.degradation = degradation;
            return this;
        }

        /** A blur-kernel estimator (methods {@code explicit}, {@code combine}) instead of the embedded one. */
        public Builder optKernelEstimator(Path kernelEstimator) {
            this.kernelEstimator = kernelEstimator;
            return this;
        }

        /** All model files at once (null entries: the embedded defaults). */
        public Builder optModels(ModelFiles files) {
            this.prior = files.prior();
            this.priorConfig = files.priorConfig();
            this.degradation = files.degradation();
            this.kernelEstimator = files.kernelEstimator();
            return this;
        }

        /**
         * Intra-op threads of the native engine (default: all cores). The engine has one thread
         * pool per process, so this applies to every instance; each call also sets it for its
         * calling thread, because OpenMP keeps the count per thread (a thread pool's workers would
         * otherwise use all cores each).
         */
        public Builder optThreads(int threads) {
            if (threads < 0) {
                throw new SettingsException("threads", "threads must be at least 1 (or 0 for all cores), got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Told after every step of every call that does not bring its own listener. */
        public Builder optProgress(UpscaleProgress progress) {
            this.progress = progress == null ? UpscaleProgress.NONE : progress;
            return this;
        }

        /**
         * Sees every sampling step of the diffusion methods, for research tools (the evaluation's
         * restoration curves): the guided clean estimate x0 and the sample, as engine arrays in
         * [-1, 1] units on the padded canvas (extending right and down), closed when it returns.
         * Called on the upscaling thread, before the progress listener (default: none).
         */
        public Builder optStepObserver(StepListener observer) {
            this.observer = observer;
            return this;
        }

        /**
         * @throws SettingsException naming a setting out of range
         * @throws org.dadiff4j.ModelException where a model is missing or wrong
         */
        public Dadiff build() {
            return new Dadiff(this, settings.build());
        }
    }
}
