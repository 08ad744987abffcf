package org.dadiff4j.web;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.dadiff4j.api.CancelToken;

/** One upload and its upscale: state, progress and timings, and the listeners of its event stream. */
final class Job {

    enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED;
        boolean finished() {
            return this == DONE || this == FAILED || this == CANCELLED;
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    final String id;
    final String name;
    final JobRequest request;
    final Path dir;
    final int width;
    final int height;
    final long bytes;
    final Instant created = Instant.now();
    final CancelToken token = new CancelToken();
    private final List<Consumer<Job>> listeners = new CopyOnWriteArrayList<>();

    private volatile State state = State.QUEUED;
    private volatile int step;
    private volatile int steps;
    private volatile int previewStep;
    private volatile int position;
    private volatile Instant started;
    private volatile Instant finished;
    private volatile String error;

    Job(String id, String name, JobRequest request, Path dir, int width, int height, long bytes) {
        this.id = id;
        this.name = name;
        this.request = request;
        this.dir = dir;
        this.width = width;
        this.height = height;
        this.bytes = bytes;
        this.steps = request.settings().steps();
    }

    Path input() {
        return dir.resolve("input");
    }

    Path result() {
        return dir.resolve("result." + request.format());
    }

    Path sidecar() {
        return dir.resolve("result." + request.format() + ".json");
    }

    Path bicubic() {
        return dir.resolve("bicubic.png");
    }

    Path preview() {
        return dir.resolve("preview.png");
    }

    State state() {
        return state;
    }

    Instant finishedAt() {
        return finished;
    }

    /** A file name for downloads: the client's name, reduced to safe characters, never used in a path. */
    String downloadName(String ext) {
        String base = name.replaceAll("\\.[A-Za-z0-9]{1,5}$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.isEmpty() || base.startsWith(".")) {
            base = "image" + base;
        }
        return base + "_x" + request.settings().scale() + "." + ext;
    }

    void position(int p) {
        if (position != p) {
            position = p;
            changed();
        }
    }

    void start() {
        started = Instant.now();
        state = State.RUNNING;
        position = 0;
        changed();
    }

    void step(int done, int total) {
        step = done;
        steps = total;
        changed();
    }

    void previewed(int done) {
        previewStep = done;
    }

    void finish(State s, String message) {
        if (state.finished()) {
            return;
        }
        error = message;
        finished = Instant.now();
        state = s;
        changed();
        listeners.clear();
    }

    void listen(Consumer<Job> l) {
        listeners.add(l);
    }

    void unlisten(Consumer<Job> l) {
        listeners.remove(l);
    }

    private void changed() {
        for (Consumer<Job> l : listeners) {
            try {
                l.accept(this);
            } catch (RuntimeException e) {
                listeners.remove(l);
            }
        }
    }

    /** The job as the API shows it. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("state", state.label());
        m.put("position", state == State.QUEUED ? position : null);
        m.put("step", step);
        m.put("steps", steps);
        m.put("progress", steps == 0 ? 0.0 : (double) step / steps);
        m.put("etaSeconds", eta());
        m.put("previewStep", previewStep);
        m.put("input", Map.of("width", width, "height", height, "bytes", bytes));
        int scale = request.settings().scale();
        m.put("output", Map.of("width", width * scale, "height", height * scale, "format", request.format()));
        Map<String, Object> settings = new LinkedHashMap<>(request.settings().describe());
        settings.put("seed", request.settings().seed());
        m.put("settings", settings);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("created", created.toString());
        t.put("started", started == null ? null : started.toString());
        t.put("finished", finished == null ? null : finished.toString());
        t.put("queuedSeconds", seconds(created, started != null ? started : finished));
        t.put("runSeconds", started == null ? null : seconds(started, finished));
        m.put("timings", t);
        m.put("error", error);
        String base = "/api/v1/jobs/" + id;
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", base);
        links.put("events", base + "/events");
        links.put("input", base + "/input");
        if (previewStep > 0) {
            links.put("preview", base + "/preview");
        }
        if (state == State.DONE) {
            links.put("result", base + "/result");
            links.put("sidecar", base + "/sidecar");
            links.put("bicubic", base + "/bicubic");
        }
        m.put("links", links);
        return m;
    }

    private Double eta() {
        if (state != State.RUNNING || step == 0 || started == null) {
            return null;
        }
        double elapsed = seconds(started, null);
        return Math.round(elapsed / step * (steps - step) * 10) / 10.0;
    }

    private static Double seconds(Instant from, Instant to) {
        if (from == null) {
            return null;
        }
        Instant end = to != null ? to : Instant.now();
        return Math.round((end.toEpochMilli() - from.toEpochMilli()) / 100.0) / 10.0;
    }
}
