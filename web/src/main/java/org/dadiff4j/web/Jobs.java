package org.dadiff4j.web;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.dadiff4j.DadiffException;
import org.dadiff4j.api.Dadiff;
import org.dadiff4j.api.Settings;
import org.dadiff4j.api.UpscaleProgress;
import org.dadiff4j.pipeline.Method;

/**
 * The job queue: a bounded list of waiting jobs, a fixed set of worker threads (each with its own
 * upscalers), the models loaded once at start, and the retention of finished jobs.
 */
final class Jobs implements AutoCloseable {

    /** What health reports. */
    enum Status { LOADING, READY, FAILED, STOPPING }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    private final ServeConfig config;
    private final Path jobsDir;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Deque<Job> waiting = new ArrayDeque<>();
    private final List<Thread> workers = new ArrayList<>();
    private final List<Engines> engines = new ArrayList<>();
    private final Engines bicubic;
    private final Set<Integer> scales = new TreeSet<>();
    private final Map<String, Set<Integer>> methodScales = new LinkedHashMap<>();
    private final Map<String, String> hashes = new LinkedHashMap<>();
    private volatile Status status = Status.LOADING;
    private volatile String problem;
    private volatile double meanRunSeconds = 10;
    private int running;

    Jobs(ServeConfig config) {
        this.config = config;
        this.jobsDir = config.workDir.resolve("jobs");
        this.bicubic = new Engines(config.models, config.threads);
        try {
            Files.createDirectories(jobsDir);
            clearLeftovers();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the work folder " + jobsDir + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < config.workers; i++) {
            engines.add(new Engines(config.models, config.threads));
        }
    }

    /** Loads the models (on the calling thread), then starts the workers. */
    void load() {
        try {
            loadAndStart();
        } catch (RuntimeException e) {
            // Not a problem of the model files (those are DadiffExceptions): health says so, not "loading" for ever.
            problem = "the models could not be loaded: " + e;
            status = Status.FAILED;
        }
    }

    private void loadAndStart() {
        Engines first = engines.get(0);
        StringBuilder why = new StringBuilder();
        List<Settings> loaded = new ArrayList<>();
        for (int scale : config.scales) {
            for (Method m : new Method[] {Method.DADIFF, Method.EXPLICIT}) {
                try {
                    Settings settings = Settings.builder().optMethod(m).optScale(scale).optSteps(config.steps).build();
                    Dadiff d = first.get(settings);
                    loaded.add(settings);
                    synchronized (this) {
                        hashes.putAll(d.modelHashes());
                        if (m == Method.DADIFF) {
                            scales.add(scale);
                            for (Method all : Method.values()) {
                                if (all != Method.EXPLICIT && all != Method.COMBINE) {
                                    methodScales.computeIfAbsent(all.cliName(), k -> new TreeSet<>()).add(scale);
                                }
                            }
                        } else {
                            methodScales.computeIfAbsent(Method.EXPLICIT.cliName(), k -> new TreeSet<>()).add(scale);
                            methodScales.computeIfAbsent(Method.COMBINE.cliName(), k -> new TreeSet<>()).add(scale);
                        }
                    }
                } catch (DadiffException e) {
                    if (m == Method.DADIFF) {
                        why.append(e.getMessage()).append("; ");
                    }
                }
            }
        }
        if (scales.isEmpty()) {
            problem = "no model could be loaded: " + why;
            status = Status.FAILED;
            return;
        }
        // Every worker's networks load now, not on its first job (ddnm, restore and combine reuse these).
        for (Engines other : engines.subList(1, engines.size())) {
            loaded.forEach(other::get);
        }
        for (int i = 0; i < config.workers; i++) {
            Engines e = engines.get(i);
            Thread t = new Thread(() -> work(e), "dadiff-worker-" + i);
            t.setDaemon(true);
            workers.add(t);
        }
        // READY before the workers start (and take() waits while LOADING): a worker that found the
        // server not READY ended at once, and under load one sometimes got there first, leaving a
        // server that queued jobs and ran none
        synchronized (this) {
            if (status == Status.LOADING) {
                status = Status.READY;
            }
            notifyAll();
        }
        workers.forEach(Thread::start);
    }

    Status status() {
        return status;
    }

    String problem() {
        return problem;
    }

    synchronized Set<Integer> scales() {
        return Set.copyOf(scales);
    }

    synchronized Map<String, Object> models() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ready", status == Status.READY);
        m.put("scales", new ArrayList<>(scales));
        m.put("defaultSteps", config.steps);
        m.put("maxSteps", config.maxSteps);
        m.put("defaultStrength", org.dadiff4j.pipeline.Defaults.STRENGTH);
        List<Map<String, Object>> methods = new ArrayList<>();
        for (Method method : Method.values()) {
            Set<Integer> s = methodScales.get(method.cliName());
            if (s != null) {
                methods.add(Map.of("name", method.cliName(), "description", Methods.describe(method), "scales", new ArrayList<>(s)));
            }
        }
        m.put("methods", methods);
        List<Map<String, String>> files = new ArrayList<>();
        hashes.forEach((file, sha) -> files.add(Map.of("file", file, "sha256", sha)));
        m.put("files", files);
        return m;
    }

    synchronized Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
        m.put("ready", status == Status.READY);
        m.put("problem", problem);
        m.put("workers", config.workers);
        m.put("running", running);
        m.put("queued", waiting.size());
        m.put("queueLimit", config.queue);
        m.put("jobs", jobs.size());
        return m;
    }

    Job get(String id) {
        Job job = id == null ? null : jobs.get(id);
        if (job == null) {
            throw new ApiException(404, "no job " + id + " (unknown, or removed after its retention time)");
        }
        return job;
    }

    List<Job> list() {
        List<Job> all = new ArrayList<>(jobs.values());
        all.sort(Comparator.comparing((Job j) -> j.created).thenComparing(j -> j.id));
        return all;
    }

    /** Refuses new work when loading, stopping or full (429 with a wait time). */
    synchronized void checkAccepting() {
        if (status == Status.LOADING) {
            throw new ApiException(503, "the models are still loading; try again when /api/v1/health says ready", 5);
        }
        if (status != Status.READY) {
            throw new ApiException(503, status == Status.FAILED ? "the server could not load its models: " + problem
                    : "the server is shutting down");
        }
        if (waiting.size() + running >= config.workers + config.queue) {
            int wait = (int) Math.max(1, Math.ceil(meanRunSeconds * (waiting.size() / (double) config.workers + 1)));
            throw new ApiException(429, "the queue is full (" + waiting.size() + " waiting, " + running
                    + " running); try again in " + wait + " s", wait);
        }
    }

    /** A new job folder, named by the server. */
    Path newDir(String id) throws IOException {
        return Files.createDirectories(jobsDir.resolve(id));
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    synchronized Job submit(Job job) {
        checkAccepting();
        jobs.put(job.id, job);
        waiting.addLast(job);
        job.position(waiting.size());
        notifyAll();
        return job;
    }

    /** Cancels a job: a waiting one leaves the queue, a running one stops after its current step. */
    Job cancel(String id) {
        Job job = get(id);
        synchronized (this) {
            if (waiting.remove(job)) {
                job.finish(Job.State.CANCELLED, "cancelled before it started");
                renumber();
                return job;
            }
        }
        job.token.cancel();
        return job;
    }

    private synchronized Job take() {
        // A worker may get here before load() has set READY (a loaded machine schedules the new
        // thread first): it waits for READY rather than reading LOADING as a stop.
        while (status == Status.LOADING || waiting.isEmpty() && status == Status.READY) {
            try {
                wait();
            } catch (InterruptedException e) {
                return null;
            }
        }
        if (status != Status.READY) {
            return null;
        }
        Job job = waiting.pollFirst();
        running++;
        renumber();
        return job;
    }

    private void renumber() {
        int i = 1;
        for (Job j : waiting) {
            j.position(i++);
        }
    }

    private void work(Engines mine) {
        Job job;
        while ((job = take()) != null) {
            try {
                run(job, mine);
            } finally {
                Thread.interrupted();
                synchronized (this) {
                    running--;
                    notifyAll();
                }
                prune();
            }
        }
    }

    private void run(Job job, Engines mine) {
        job.start();
        Settings s = job.request.settings();
        try {
            Dadiff enlarge = bicubic.get(Settings.builder().optMethod(Method.BICUBIC).optScale(s.scale()).build());
            enlarge.upscale(job.input(), job.bicubic(), null, job.token);
            Dadiff d = mine.get(s);
            long t0 = System.nanoTime();
            d.upscale(job.input(), job.result(), s.seed(), progress(job), job.token);
            double seconds = (System.nanoTime() - t0) / 1e9;
            meanRunSeconds = 0.7 * meanRunSeconds + 0.3 * seconds;
            writeSidecar(job, d, seconds);
            job.finish(Job.State.DONE, null);
        } catch (CancellationException e) {
            deleteQuietly(job.result());
            job.finish(Job.State.CANCELLED, "cancelled while running");
        } catch (DadiffException e) {
            job.finish(Job.State.FAILED, e.getMessage());
        } catch (IOException | RuntimeException e) {
            deleteQuietly(job.result());
            job.finish(Job.State.FAILED, "internal error: " + e);
        } catch (Error e) {
            // an Error would end this worker thread, and the queue would wait for it forever
            deleteQuietly(job.result());
            job.finish(Job.State.FAILED, e instanceof OutOfMemoryError ? "not enough memory for this job"
                    : "internal error: " + e);
            e.printStackTrace();
        }
    }

    private static UpscaleProgress progress(Job job) {
        int every = Math.max(1, job.request.settings().steps() / 10);
        return new UpscaleProgress() {
            @Override
            public void onStep(int done, int total) {
                job.step(done, total);
            }

            @Override
            public int previewEvery() {
                return every;
            }

            @Override
            public void onPreview(int done, int total, BufferedImage x0) {
                try {
                    Path tmp = job.dir.resolve("preview.tmp");
                    ImageIO.write(x0, "png", tmp.toFile());
                    Files.move(tmp, job.preview(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    job.previewed(done);
                } catch (IOException e) {
                    // A preview is a courtesy: the run goes on without it.
                }
            }
        };
    }

    private static void writeSidecar(Job job, Dadiff d, double seconds) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", Map.of("name", job.name, "width", job.width, "height", job.height, "bytes", job.bytes));
        m.put("output", Map.of("width", job.width * d.scale(), "height", job.height * d.scale(), "format", job.request.format()));
        m.put("settings", job.request.settings().describe());
        m.put("seed", job.request.settings().seed());
        m.put("models", d.modelHashes());
        m.put("seconds", Math.round(seconds * 100) / 100.0);
        m.put("job", job.id);
        m.put("created", job.created.toString());
        Path tmp = job.dir.resolve("sidecar.tmp");
        Files.writeString(tmp, GSON.toJson(m));
        Files.move(tmp, job.sidecar(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Drops finished jobs past the retention time, and the oldest beyond the count kept. */
    void prune() {
        Instant limit = Instant.now().minus(config.retention);
        List<Job> finished = new ArrayList<>();
        for (Job j : jobs.values()) {
            if (j.state().finished()) {
                finished.add(j);
            }
        }
        finished.sort(Comparator.comparing(Job::finishedAt));
        int excess = finished.size() - config.keep;
        for (Job j : finished) {
            if (excess-- > 0 || j.finishedAt().isBefore(limit)) {
                jobs.remove(j.id);
                deleteTree(j.dir);
            }
        }
    }

    /**
     * Stops taking work, cancels the waiting jobs, lets running ones finish within the grace time
     * and cancels them after it; returns what happened, for the log.
     */
    String shutdown() {
        List<Job> dropped;
        Collection<Job> active = new ArrayList<>();
        synchronized (this) {
            if (status == Status.STOPPING) {
                return "already stopped";
            }
            status = Status.STOPPING;
            dropped = new ArrayList<>(waiting);
            waiting.clear();
            notifyAll();
        }
        for (Job j : dropped) {
            j.finish(Job.State.CANCELLED, "the server shut down before it started");
        }
        for (Job j : jobs.values()) {
            if (j.state() == Job.State.RUNNING) {
                active.add(j);
            }
        }
        long deadline = System.nanoTime() + config.grace.toNanos();
        int cancelled = 0;
        for (Thread t : workers) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Job j : active) {
            if (!j.state().finished()) {
                j.token.cancel();
                cancelled++;
            }
        }
        for (Thread t : workers) {
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long finished = active.stream().filter(j -> j.state() == Job.State.DONE).count();
        close();
        return "stopped: " + finished + " running job(s) finished, " + cancelled + " cancelled, "
                + dropped.size() + " queued job(s) dropped";
    }

    @Override
    public void close() {
        engines.forEach(Engines::close);
        bicubic.close();
    }

    private void clearLeftovers() throws IOException {
        try (Stream<Path> old = Files.list(jobsDir)) {
            old.filter(p -> p.getFileName().toString().matches("[0-9a-f]{32}")).forEach(Jobs::deleteTree);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(Jobs::deleteQuietly);
        } catch (IOException e) {
            // Left for the next start's clean-up.
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // Left for the next start's clean-up.
        }
    }
}
