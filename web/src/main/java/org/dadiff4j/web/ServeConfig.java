package org.dadiff4j.web;

import java.nio.file.Path;
import java.time.Duration;
import org.dadiff4j.pipeline.ModelFiles;

/** What a server binds to, how much work it accepts, and where it keeps results. Immutable; see {@link #builder}. */
public final class ServeConfig {

    /** The environment variable read for the token when none is given. */
    public static final String TOKEN_ENV = "DADIFF_TOKEN";

    // The defaults of dadiff serve, here once: the command's options name them.
    public static final String HOST = "127.0.0.1";
    public static final int PORT = 8080;
    public static final int WORKERS = 1;
    public static final int QUEUE = 16;
    public static final long MAX_BYTES = 20L << 20;
    public static final long MAX_PIXELS = 4L << 20;
    public static final int KEEP_HOURS = 24;
    public static final int KEEP = 200;
    public static final int STEPS = org.dadiff4j.pipeline.Defaults.STEPS;
    public static final int MAX_STEPS = 1000;
    public static final int GRACE_SECONDS = 30;
    /** The scales loaded at start, comma-separated. */
    public static final String SCALES = "2,4,8";

    final String host;
    final int port;
    final int workers;
    final int queue;
    final long maxBytes;
    final long maxPixels;
    final Path workDir;
    final Duration retention;
    final int keep;
    final String token;
    final int steps;
    final int maxSteps;
    final int threads;
    final ModelFiles models;
    final Duration grace;
    final java.util.List<Integer> scales;

    private ServeConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.workers = b.workers;
        this.queue = b.queue;
        this.maxBytes = b.maxBytes;
        this.maxPixels = b.maxPixels;
        this.workDir = b.workDir;
        this.retention = b.retention;
        this.keep = b.keep;
        this.token = b.token == null || b.token.isEmpty() ? null : b.token;
        this.steps = b.steps;
        this.maxSteps = b.maxSteps;
        this.threads = b.threads;
        this.models = b.models;
        this.grace = b.grace;
        this.scales = java.util.List.copyOf(b.scales);
    }

    /** The largest whole request: an upload of {@link #maxBytes} and 1 MB for the form fields and multipart framing. */
    long maxRequestBytes() {
        return maxBytes + (1 << 20);
    }

    /** Whether API calls must bring a token (given, or from {@link #TOKEN_ENV}). */
    public boolean hasToken() {
        return token != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the defaults of {@code dadiff serve}. */
    public static final class Builder {
        private String host = HOST;
        private int port = PORT;
        private int workers = WORKERS;
        private int queue = QUEUE;
        private long maxBytes = MAX_BYTES;
        private long maxPixels = MAX_PIXELS;
        private Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "dadiff4j-serve");
        private Duration retention = Duration.ofHours(KEEP_HOURS);
        private int keep = KEEP;
        private String token = System.getenv(TOKEN_ENV);
        private int steps = STEPS;
        private int maxSteps = MAX_STEPS;
        private int threads;
        private ModelFiles models = new ModelFiles(null, null, null, null);
        private Duration grace = Duration.ofSeconds(GRACE_SECONDS);
        private java.util.List<Integer> scales = java.util.Arrays.stream(SCALES.split(",")).map(Integer::valueOf).toList();

        /** Scales to load models for at start (default 2, 4 and 8; those without a model are left out). */
        public Builder optScales(java.util.List<Integer> scales) {
            this.scales = scales;
            return this;
        }

        /** Interface to bind (default 127.0.0.1: this machine only). */
        public Builder optHost(String host) {
            this.host = host;
            return this;
        }

        /** Port (default 8080; 0 picks a free one). */
        public Builder optPort(int port) {
            this.port = require("port", port, 0, 65535);
            return this;
        }

        /** Jobs run at once (default 1; each image already uses every core). */
        public Builder optWorkers(int workers) {
            this.workers = require("workers", workers, 1, 64);
            return this;
        }

        /** Jobs that may wait; beyond it a POST gets 429 (default 16). */
        public Builder optQueue(int queue) {
            this.queue = require("queue", queue, 0, 100_000);
            return this;
        }

        /** Largest upload in bytes (default 20 MiB); beyond it 413. */
        public Builder optMaxBytes(long maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("max-bytes must be positive, got " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /** Largest input in pixels, read from the image header before decoding (default 4 Mi); beyond it 422. */
        public Builder optMaxPixels(long maxPixels) {
            if (maxPixels < 1) {
                throw new IllegalArgumentException("max-pixels must be positive, got " + maxPixels);
            }
            this.maxPixels = maxPixels;
            return this;
        }

        /** Folder of uploads and results (default: dadiff4j-serve in the temporary folder). */
        public Builder optWorkDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** How long a finished job is kept (default 24 h). */
        public Builder optRetention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /** How many finished jobs are kept at most (default 200; the oldest go first). */
        public Builder optKeep(int keep) {
            this.keep = require("keep", keep, 1, 1_000_000);
            return this;
        }

        /** Bearer token every API call must bring (default: $DADIFF_TOKEN, or none). */
        public Builder optToken(String token) {
            this.token = token;
            return this;
        }

        /** Sampling steps of a job that names none (default 100). */
        public Builder optSteps(int steps) {
            this.steps = require("steps", steps, 1, 1000);
            return this;
        }

        /** Most sampling steps a job may ask for (default 1000). */
        public Builder optMaxSteps(int maxSteps) {
            this.maxSteps = require("max-steps", maxSteps, 1, 1000);
            return this;
        }

        /** Engine threads (default 0: all cores). */
        public Builder optThreads(int threads) {
            this.threads = require("threads", threads, 0, 1024);
            return this;
        }

        /** Model files (null entries: the embedded defaults). */
        public Builder optModels(ModelFiles models) {
            this.models = models;
            return this;
        }

        /** How long shutdown lets running jobs finish before cancelling them (default 30 s). */
        public Builder optGrace(Duration grace) {
            this.grace = grace;
            return this;
        }

        public ServeConfig build() {
            if (maxSteps < steps) {
                maxSteps = steps;
            }
            return new ServeConfig(this);
        }

        private static int require(String name, int v, int min, int max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + v);
            }
            return v;
        }
    }
}
