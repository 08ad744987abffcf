package org.dadiff4j.web;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code dadiff serve}: the page and the HTTP API over a {@link Jobs} queue. {@link #start} binds
 * at once and loads the models in the background; {@code GET /api/v1/health} says when they are ready.
 */
public final class WebServer implements AutoCloseable {

    private static final String STATIC = "/org/dadiff4j/web/static/";
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();

    private final ServeConfig config;
    private final Jobs jobs;
    private final Javalin app;
    private final Thread loader;
    private final List<String> apiRoutes = new ArrayList<>();
    private volatile String report;

    private WebServer(ServeConfig config) {
        this.config = config;
        this.jobs = new Jobs(config);
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.http.maxRequestSize = config.maxRequestBytes();
            c.jetty.multipartConfig.maxFileSize(config.maxBytes + 1, SizeUnit.BYTES);
            c.jetty.multipartConfig.maxTotalRequestSize(config.maxRequestBytes(), SizeUnit.BYTES);
            c.jetty.multipartConfig.maxInMemoryFileSize(1 << 20, SizeUnit.BYTES);
            routes(c.routes);
        });
        this.loader = new Thread(jobs::load, "dadiff-model-loader");
        this.loader.setDaemon(true);
    }

    /** Binds to the configured host and port and starts loading the models. */
    public static WebServer start(ServeConfig config) {
        WebServer s = new WebServer(config);
        s.app.start(config.host, config.port);
        s.loader.start();
        return s;
    }

    /** The port bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** Waits until the models are loaded (or failed); true when ready. */
    public boolean awaitReady(long millis) throws InterruptedException {
        loader.join(millis);
        return jobs.status() == Jobs.Status.READY;
    }

    /** Why the models could not be loaded, or null. */
    public String problem() {
        return jobs.problem();
    }

    /** Graceful stop: see {@link Jobs#shutdown}; returns its report. Idempotent. */
    public synchronized String stop() {
        if (report == null) {
            report = jobs.shutdown();
            app.stop();
        }
        return report;
    }

    @Override
    public void close() {
        stop();
    }

    private void routes(io.javalin.config.RoutesConfig r) {
        r.before("/api/*", this::authorize);
        r.get("/", ctx -> page(ctx, "index.html", "text/html; charset=utf-8"));
        r.get("/app.js", ctx -> page(ctx, "app.js", "text/javascript; charset=utf-8"));
        r.get("/style.css", ctx -> page(ctx, "style.css", "text/css; charset=utf-8"));
        api(r, "GET", "/api/v1/openapi.json", ctx -> page(ctx, "openapi.json", "application/json"));
        api(r, "GET", "/api/v1/health", ctx -> json(ctx.status(jobs.status() == Jobs.Status.READY ? 200 : 503), jobs.health()));
        api(r, "GET", "/api/v1/models", ctx -> json(ctx, jobs.models()));
        api(r, "GET", "/api/v1/jobs", ctx -> {
            List<Object> all = new ArrayList<>();
            jobs.list().forEach(j -> all.add(j.describe()));
            json(ctx, Map.of("jobs", all));
        });
        api(r, "POST", "/api/v1/jobs", this::submit);
        api(r, "GET", "/api/v1/jobs/{id}", ctx -> json(ctx, jobs.get(ctx.pathParam("id")).describe()));
        api(r, "DELETE", "/api/v1/jobs/{id}", ctx -> {
            Job job = jobs.cancel(ctx.pathParam("id"));
            json(ctx.status(job.state().finished() ? 200 : 202), job.describe());
        });
        api(r, "GET", "/api/v1/jobs/{id}/events", this::events);
        api(r, "GET", "/api/v1/jobs/{id}/result", ctx -> {
            Job job = done(ctx);
            file(ctx, job.result(), mime(job.request.format()), job.downloadName(job.request.format()));
        });
        api(r, "GET", "/api/v1/jobs/{id}/sidecar", ctx -> {
            Job job = done(ctx);
            file(ctx, job.sidecar(), "application/json", job.downloadName(job.request.format()) + ".json");
        });
        api(r, "GET", "/api/v1/jobs/{id}/bicubic", ctx -> file(ctx, done(ctx).bicubic(), "image/png", null));
        api(r, "GET", "/api/v1/jobs/{id}/input", ctx -> file(ctx, jobs.get(ctx.pathParam("id")).input(), "application/octet-stream", null));
        api(r, "GET", "/api/v1/jobs/{id}/preview", ctx -> {
            Job job = jobs.get(ctx.pathParam("id"));
            if (!Files.exists(job.preview())) {
                throw new ApiException(404, "job " + job.id + " has no preview yet");
            }
            file(ctx, job.preview(), "image/png", null);
        });
        api(r, "GET", "/api/v1/results.zip", this::zip);
        r.exception(ApiException.class, (e, ctx) -> error(ctx, e.status, e.getMessage(), e.retryAfter));
        r.exception(Exception.class, (e, ctx) -> error(ctx, 500, "internal error: " + e, null));
        r.error(404, ctx -> {
            if (!String.valueOf(ctx.res().getContentType()).startsWith("application/json")) {
                error(ctx, 404, "no such page or endpoint: " + ctx.method() + " " + ctx.path() + " (see /api/v1/openapi.json)", null);
            }
        });
        r.error(405, ctx -> error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path(), null));
    }

    private void api(io.javalin.config.RoutesConfig r, String verb, String path, io.javalin.http.Handler h) {
        apiRoutes.add(verb + " " + path);
        switch (verb) {
            case "GET":
                r.get(path, h);
                break;
            case "POST":
                r.post(path, h);
                break;
            default:
                r.delete(path, h);
        }
    }

    /** The API's routes as "VERB /path/{param}", for checking the OpenAPI document against. */
    public List<String> apiRoutes() {
        return List.copyOf(apiRoutes);
    }

    private void authorize(Context ctx) {
        if (config.token == null || ctx.path().equals("/api/v1/health") || ctx.path().equals("/api/v1/openapi.json")) {
            return;
        }
        String given = ctx.header("Authorization");
        if (given != null && given.startsWith("Bearer ")) {
            given = given.substring(7).trim();
        } else {
            given = ctx.queryParam("token");
        }
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), config.token.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "this server needs its token: send 'Authorization: Bearer TOKEN' (or ?token=TOKEN)");
        }
    }

    private void submit(Context ctx) throws IOException {
        jobs.checkAccepting();
        long declared = ctx.req().getContentLengthLong();
        if (declared > config.maxRequestBytes()) {
            throw tooLarge();
        }
        UploadedFile upload;
        Map<String, String> form = new HashMap<>();
        try {
            upload = ctx.uploadedFile("image");
            for (String name : List.of("method", "scale", "steps", "strength", "seed", "format")) {
                String v = ctx.formParam(name);
                if (v != null) {
                    form.put(name, v);
                }
            }
        } catch (Exception e) {
            // Jetty refuses a part over the limit as a bad multipart; a body over the limit says which it was.
            if (declared > config.maxBytes) {
                throw tooLarge();
            }
            throw new ApiException(400, "the request must be multipart/form-data with a file field 'image' ("
                    + multipartProblem(e) + ")");
        }
        if (upload == null) {
            throw new ApiException(400, "the request must be multipart/form-data with a file field 'image'");
        }
        if (upload.size() > config.maxBytes) {
            throw tooLarge();
        }
        JobRequest request = JobRequest.parse(form, config, jobs.scales());
        String id = Jobs.newId();
        Path dir = jobs.newDir(id);
        try {
            long bytes;
            try (InputStream in = upload.content()) {
                bytes = Files.copy(in, dir.resolve("input"));
            }
            Uploads.Size size = Uploads.check(dir.resolve("input"), config.maxPixels);
            String name = upload.filename() == null ? "image" : upload.filename();
            name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
            if (name.length() > 120) {
                name = name.substring(0, 120);
            }
            Job job = jobs.submit(new Job(id, name, request, dir, size.width(), size.height(), bytes));
            ctx.header("Location", "/api/v1/jobs/" + id);
            json(ctx.status(201), job.describe());
        } catch (RuntimeException | IOException e) {
            Jobs.deleteTree(dir);
            throw e;
        }
    }

    /**
     * The multipart parser's reason without Java class names ("bad multipart", not Jetty's
     * "org.eclipse.jetty.http.BadMessageException: 400: bad multipart"; found by UploadFuzzTest).
     */
    static String multipartProblem(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        m = m.replaceAll("\\b(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error)(?::\\s*)?", "").replaceAll("^\\d{3}:\\s*", "");
        return m.isBlank() ? "the body cannot be parsed" : org.dadiff4j.Problems.oneLine(m);
    }

    private ApiException tooLarge() {
        return new ApiException(413, "the upload is larger than this server's limit of " + config.maxBytes + " bytes");
    }

    private void events(Context ctx) throws Exception {
        Job job = jobs.get(ctx.pathParam("id"));
        new SseHandler(client -> stream(client, job)).handle(ctx);
    }

    private static void stream(SseClient client, Job job) {
        client.keepAlive();
        Consumer<Job> send = j -> {
            client.sendEvent("state", GSON.toJson(j.describe()));
            if (j.state().finished()) {
                client.close();
            }
        };
        client.onClose(() -> job.unlisten(send));
        job.listen(send);
        send.accept(job);
    }

    private Job done(Context ctx) {
        Job job = jobs.get(ctx.pathParam("id"));
        if (job.state() != Job.State.DONE) {
            throw new ApiException(409, "job " + job.id + " is " + job.state().label() + ", it has no result"
                    + (job.state().finished() ? "" : " yet"));
        }
        return job;
    }

    private void zip(Context ctx) throws IOException {
        String ids = ctx.queryParam("ids");
        List<Job> chosen = new ArrayList<>();
        if (ids == null || ids.isBlank()) {
            jobs.list().stream().filter(j -> j.state() == Job.State.DONE).forEach(chosen::add);
        } else {
            for (String id : ids.split(",")) {
                Job j = jobs.get(id.trim());
                if (j.state() == Job.State.DONE) {
                    chosen.add(j);
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new ApiException(404, "no finished job to put in a zip");
        }
        ctx.contentType("application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"dadiff-results.zip\"");
        OutputStream out = ctx.outputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Job j : chosen) {
                String base = j.id.substring(0, 8) + "_" + j.downloadName(j.request.format());
                zip.putNextEntry(new ZipEntry(base));
                Files.copy(j.result(), zip);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(base + ".json"));
                Files.copy(j.sidecar(), zip);
                zip.closeEntry();
            }
        }
    }

    private static void file(Context ctx, Path file, String type, String download) throws IOException {
        if (!Files.exists(file)) {
            throw new ApiException(404, "the file is gone (removed after its retention time)");
        }
        ctx.contentType(type);
        ctx.header("Cache-Control", "no-store");
        if (download != null) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + download + "\"");
        }
        ctx.result(Files.readAllBytes(file));
    }

    private static void page(Context ctx, String name, String type) throws IOException {
        try (InputStream in = WebServer.class.getResourceAsStream(STATIC + name)) {
            if (in == null) {
                throw new ApiException(404, "missing resource " + name);
            }
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    private static String mime(String format) {
        switch (format) {
            case "jpg":
                return "image/jpeg";
            case "tif":
                return "image/tiff";
            default:
                return "image/png";
        }
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(GSON.toJson(body));
    }

    /**
     * Reads and drops what is left of a request body of at most {@code limit} bytes before an error
     * is answered. Refused before its body was read (a 401 on an upload), a request's connection is
     * otherwise closed while the client is still sending, and a client that writes its whole body
     * before reading (Java's HttpClient) may then see the reset and never the JSON error. A body
     * above the limit is not read: that answer is a 413 and ends the connection.
     */
    private static void drain(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared == 0 || declared > limit) {
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[1 << 16];
            long read = 0;
            for (int n; read <= limit && (n = in.read(buffer)) > 0; ) {
                read += n;
            }
        } catch (IOException | RuntimeException e) {
            // Already consumed (a parsed multipart body) or gone: nothing is left to drain.
        }
    }

    /** Every error answer: the rest of the request body drained (not for a 413), then the JSON. */
    private void error(Context ctx, int status, String message, Integer retryAfter) {
        if (status != 413) {
            drain(ctx, config.maxRequestBytes());
        }
        if (retryAfter != null) {
            ctx.header("Retry-After", String.valueOf(retryAfter));
        }
        if (status == 413) {
            // The rest of the upload is never read, so the connection cannot carry another request:
            // say so, or a client that pools connections sends its next request into a closed one.
            ctx.header("Connection", "close");
        }
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("status", status);
        m.put("error", message);
        json(ctx.status(status), m);
    }
}
