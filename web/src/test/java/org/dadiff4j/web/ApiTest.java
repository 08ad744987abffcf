package org.dadiff4j.web;

import static org.dadiff4j.web.TestServers.await;
import static org.dadiff4j.web.TestServers.delete;
import static org.dadiff4j.web.TestServers.finished;
import static org.dadiff4j.web.TestServers.get;
import static org.dadiff4j.web.TestServers.getBytes;
import static org.dadiff4j.web.TestServers.json;
import static org.dadiff4j.web.TestServers.png;
import static org.dadiff4j.web.TestServers.post;
import static org.dadiff4j.web.TestServers.stepped;
import static org.dadiff4j.web.TestServers.submit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API against a real server on 127.0.0.1 with the embedded x4 models, two steps per job. */
class ApiTest {

    private static final Duration JOB = Duration.ofMinutes(3);
    private static final Map<String, String> LONG = Map.of("steps", "500");
    /** RSS a completed 8-step job on a 320x320 output may add (bench/web-memory.md: +0.22 GB measured for 40 steps). */
    private static final long JOB_GROWTH_MB = 1024;

    @TempDir static Path work;
    private static WebServer server;
    private static byte[] small;

    @BeforeAll
    static void start() throws Exception {
        server = TestServers.start(TestServers.config(work).optQueue(2).optMaxBytes(300_000).optMaxPixels(512 * 512).build());
        small = png(16, 12);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Leaves no job running for the next test. */
    @AfterEach
    void drain() throws Exception {
        for (JsonElement j : json(get(server, "/api/v1/jobs")).getAsJsonArray("jobs")) {
            String id = j.getAsJsonObject().get("id").getAsString();
            delete(server, "/api/v1/jobs/" + id);
            await(server, id, finished(), JOB);
        }
    }

    @Test
    void healthAndModels() throws Exception {
        HttpResponse<String> h = get(server, "/api/v1/health");
        assertEquals(200, h.statusCode());
        assertEquals("ready", json(h).get("status").getAsString());
        JsonObject m = json(get(server, "/api/v1/models"));
        assertEquals("[4]", m.get("scales").toString());
        assertTrue(m.getAsJsonArray("files").size() >= 2, m.toString());
        for (JsonElement f : m.getAsJsonArray("files")) {
            assertTrue(f.getAsJsonObject().get("sha256").getAsString().matches("[0-9a-f]{64}"), f.toString());
        }
        Set<String> methods = new HashSet<>();
        m.getAsJsonArray("methods").forEach(x -> methods.add(x.getAsJsonObject().get("name").getAsString()));
        assertTrue(methods.containsAll(List.of("dadiff", "ddnm", "restore", "bicubic")), methods.toString());
    }

    @Test
    void openApiDocumentMatchesTheRoutes() throws Exception {
        JsonObject doc = json(get(server, "/api/v1/openapi.json"));
        Set<String> documented = new HashSet<>();
        for (Map.Entry<String, JsonElement> p : doc.getAsJsonObject("paths").entrySet()) {
            for (String verb : p.getValue().getAsJsonObject().keySet()) {
                documented.add(verb.toUpperCase() + " " + p.getKey());
            }
        }
        assertEquals(new HashSet<>(server.apiRoutes()), documented);
        assertEquals(server.apiRoutes().size(), new HashSet<>(server.apiRoutes()).size());
    }

    @Test
    void jobRunsToAResultWithSidecarZipAndEvents() throws Exception {
        String id = submit(server, small, Map.of("seed", "7", "format", "png"));
        List<String> events = new ArrayList<>();
        HttpResponse<InputStream> stream = TestServers.HTTP.send(HttpRequest.newBuilder(
                URI.create(TestServers.base(server) + "/api/v1/jobs/" + id + "/events")).header("Accept", "text/event-stream")
                .timeout(JOB).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("data:")) {
                    events.add(JsonParser.parseString(line.substring(5)).getAsJsonObject().get("state").getAsString());
                }
            }
        }
        assertEquals("done", events.get(events.size() - 1), events.toString());
        JsonObject job = json(get(server, "/api/v1/jobs/" + id));
        assertEquals("done", job.get("state").getAsString(), job.toString());
        assertEquals(2, job.get("step").getAsInt());
        assertEquals(1, job.get("previewStep").getAsInt(), "an x0 preview after step 1 of 2");
        assertNotNull(job.getAsJsonObject("timings").get("runSeconds"));

        HttpResponse<byte[]> result = getBytes(server, "/api/v1/jobs/" + id + "/result");
        assertEquals(200, result.statusCode());
        assertEquals("image/png", result.headers().firstValue("Content-Type").orElse(""));
        assertTrue(result.headers().firstValue("Content-Disposition").orElse("").contains("photo_x4.png"),
                "the client's name is reduced to its last part");
        BufferedImage hr = ImageIO.read(new ByteArrayInputStream(result.body()));
        assertEquals(64, hr.getWidth());
        assertEquals(48, hr.getHeight());
        BufferedImage bicubic = ImageIO.read(new ByteArrayInputStream(getBytes(server, "/api/v1/jobs/" + id + "/bicubic").body()));
        assertEquals(64, bicubic.getWidth());
        JsonObject sidecar = JsonParser.parseString(get(server, "/api/v1/jobs/" + id + "/sidecar").body()).getAsJsonObject();
        assertEquals(7, sidecar.get("seed").getAsInt());
        assertEquals("dadiff", sidecar.getAsJsonObject("settings").get("method").getAsString());
        assertTrue(sidecar.getAsJsonObject("models").size() >= 2);

        HttpResponse<byte[]> zip = getBytes(server, "/api/v1/results.zip?ids=" + id);
        assertEquals(200, zip.statusCode());
        List<String> names = new ArrayList<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                names.add(e.getName());
                if (e.getName().endsWith(".png")) {
                    assertTrue(Arrays.equals(result.body(), z.readAllBytes()));
                }
            }
        }
        assertEquals(2, names.size(), names.toString());
        try (var files = Files.walk(work)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("photo")), "no client name in paths");
        }
    }

    @Test
    void badSettingsGive400() throws Exception {
        for (Map<String, String> bad : List.of(Map.of("method", "magic"), Map.of("scale", "3"), Map.of("scale", "x"),
                Map.of("steps", "0"), Map.of("steps", "5000"), Map.of("strength", "2"), Map.of("seed", "one"),
                Map.of("format", "gif"))) {
            HttpResponse<String> r = post(server, small, bad);
            assertEquals(400, r.statusCode(), bad + ": " + r.body());
            assertFalse(json(r).get("error").getAsString().isBlank());
        }
        HttpResponse<String> noImage = post(server, null, Map.of("method", "dadiff"));
        assertEquals(400, noImage.statusCode(), noImage.body());
        assertTrue(json(noImage).get("error").getAsString().contains("image"));
    }

    @Test
    void uploadOverTheByteLimitGives413() throws Exception {
        byte[] big = new byte[400_000];
        System.arraycopy(small, 0, big, 0, small.length);
        HttpResponse<String> r = post(server, big, Map.of());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(json(r).get("error").getAsString().contains("300000"));
        // The unread rest of the upload ends the connection; a pooling client must not reuse it.
        assertEquals("close", r.headers().firstValue("connection").orElse("(none)"));
    }

    @Test
    void undecodableOrTooManyPixelsGive422() throws Exception {
        HttpResponse<String> garbage = post(server, "not an image at all".getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(422, garbage.statusCode(), garbage.body());
        HttpResponse<String> truncated = post(server, Arrays.copyOf(small, small.length / 2), Map.of());
        assertEquals(422, truncated.statusCode(), truncated.body());
        HttpResponse<String> bomb = post(server, pngHeader(100_000, 100_000), Map.of());
        assertEquals(422, bomb.statusCode(), bomb.body());
        assertTrue(json(bomb).get("error").getAsString().contains("10000000000 pixels"), bomb.body());
    }

    @Test
    void unknownJobsGive404() throws Exception {
        for (String path : List.of("/api/v1/jobs/nope", "/api/v1/jobs/nope/result", "/api/v1/jobs/nope/events",
                "/api/v1/jobs/nope/sidecar", "/api/v1/nothing")) {
            HttpResponse<String> r = get(server, path);
            assertEquals(404, r.statusCode(), path);
            assertTrue(json(r).get("error").getAsString().length() > 5, path);
        }
        assertEquals(404, delete(server, "/api/v1/jobs/nope").statusCode());
    }

    @Test
    void fullQueueGives429WithRetryAfter() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(submit(server, small, LONG));   // one running, two waiting: the limit
        }
        HttpResponse<String> r = post(server, small, LONG);
        assertEquals(429, r.statusCode(), r.body());
        int wait = Integer.parseInt(r.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(wait >= 1);
        JsonObject last = json(get(server, "/api/v1/jobs/" + ids.get(2)));
        assertEquals("queued", last.get("state").getAsString());
        assertEquals(2, last.get("position").getAsInt());
        HttpResponse<String> cancelled = delete(server, "/api/v1/jobs/" + ids.get(1));
        assertEquals(200, cancelled.statusCode());
        assertEquals("cancelled", json(cancelled).get("state").getAsString());
        assertEquals(1, json(get(server, "/api/v1/jobs/" + ids.get(2))).get("position").getAsInt(), "moved up");
        assertEquals(201, post(server, small, LONG).statusCode(), "room again after a cancel");
    }

    @Test
    void twoClientsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (String seed : List.of("1", "2")) {
                results.add(pool.submit(() -> {
                    String id = submit(server, small, Map.of("seed", seed));
                    JsonObject job = await(server, id, finished(), JOB);
                    assertEquals("done", job.get("state").getAsString(), job.toString());
                    return getBytes(server, "/api/v1/jobs/" + id + "/result").body();
                }));
            }
            byte[] a = results.get(0).get(4, TimeUnit.MINUTES);
            byte[] b = results.get(1).get(4, TimeUnit.MINUTES);
            assertEquals(64, ImageIO.read(new ByteArrayInputStream(a)).getWidth());
            assertEquals(64, ImageIO.read(new ByteArrayInputStream(b)).getWidth());
            assertFalse(Arrays.equals(a, b), "seeds 1 and 2 give different samples");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cancelMidRunStopsAndFreesMemory() throws Exception {
        long first = 0;
        for (int i = 0; i < 20; i++) {
            String id = submit(server, small, LONG);
            await(server, id, stepped(), JOB);
            HttpResponse<String> d = delete(server, "/api/v1/jobs/" + id);
            assertTrue(d.statusCode() == 202 || d.statusCode() == 200, d.body());
            JsonObject job = await(server, id, finished(), JOB);
            assertEquals("cancelled", job.get("state").getAsString(), job.toString());
            assertTrue(job.get("step").getAsInt() < 500, "stopped early");
            assertEquals(409, get(server, "/api/v1/jobs/" + id + "/result").statusCode());
            if (i == 0) {
                System.gc();
                first = TestServers.rssKb();
            }
        }
        System.gc();
        long last = TestServers.rssKb();
        System.out.printf("RSS after the first cancelled job %d MB, after 20: %d MB%n", first >> 10, last >> 10);
        assertTrue(last <= first * 1.10, "RSS grew from " + first + " kB to " + last + " kB over 20 cancelled jobs");
    }

    /**
     * A completed job at the default strength (40 steps: 8 sampling steps on a 320x320 output)
     * stays within {@link #JOB_GROWTH_MB} of the RSS before it, sampled every 50 ms. Before
     * 0fc52f6 a worker thread recorded an autograd graph and grew about 2.3 GB a step; the
     * sampler cancels the job as soon as the bound is crossed, so such a leak fails here at its
     * first step instead of exhausting the machine.
     */
    @Test
    void completedJobStaysWithinItsMemoryBound() throws Exception {
        System.gc();
        long before = TestServers.rssKb();
        String id = submit(server, png(80, 80), Map.of("steps", "40", "strength", "0.2"));
        AtomicLong peak = new AtomicLong(before);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            try {
                long now = TestServers.rssKb();
                peak.accumulateAndGet(now, Math::max);
                if (now - before > JOB_GROWTH_MB << 10) {
                    delete(server, "/api/v1/jobs/" + id);
                }
            } catch (Exception e) {
                // The next sample tries again.
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
        JsonObject job;
        try {
            job = await(server, id, finished(), JOB);
        } finally {
            sampler.shutdownNow();
        }
        long growth = (peak.get() - before) >> 10;
        System.out.printf("RSS before the 8-step 320x320 job %d MB, peak %d MB (+%d MB)%n", before >> 10,
                peak.get() >> 10, growth);
        assertTrue(growth <= JOB_GROWTH_MB, "RSS grew by " + growth + " MB over one job; the bound is " + JOB_GROWTH_MB + " MB");
        assertEquals("done", job.get("state").getAsString(), job.toString());
        assertEquals(8, job.get("step").getAsInt(), "40 steps at strength 0.2");
        assertEquals(320, ImageIO.read(new ByteArrayInputStream(getBytes(server, "/api/v1/jobs/" + id + "/result").body())).getWidth());
    }

    @Test
    void tokenIsRequiredWhereSet(@TempDir Path other) throws Exception {
        WebServer guarded = TestServers.start(TestServers.config(other).optToken("s3cret").build());
        try {
            assertEquals(200, get(guarded, "/api/v1/health").statusCode(), "health stays open for probes");
            HttpResponse<String> r = get(guarded, "/api/v1/jobs");
            assertEquals(401, r.statusCode());
            assertTrue(json(r).get("error").getAsString().contains("token"));
            assertEquals(401, get(guarded, "/api/v1/jobs?token=wrong").statusCode());
            // An upload refused before its body was read still gets its JSON error, and its
            // connection stays usable: the server reads the rest of the body first.
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> upload = post(guarded, new byte[4 << 20], Map.of());
                assertEquals(401, upload.statusCode(), upload.body());
                assertTrue(json(upload).get("error").getAsString().contains("token"), upload.body());
                assertEquals("(none)", upload.headers().firstValue("connection").orElse("(none)"));
            }
            assertEquals(200, get(guarded, "/api/v1/jobs?token=s3cret").statusCode());
            HttpResponse<String> bearer = TestServers.HTTP.send(HttpRequest.newBuilder(URI.create(TestServers.base(guarded)
                    + "/api/v1/models")).header("Authorization", "Bearer s3cret").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, bearer.statusCode());
        } finally {
            guarded.stop();
        }
    }

    @Test
    void shutdownCancelsCleanlyAndReports(@TempDir Path other) throws Exception {
        WebServer s = TestServers.start(TestServers.config(other).optGrace(Duration.ofMillis(200)).build());
        String running = submit(s, small, LONG);
        String waiting = submit(s, small, LONG);
        await(s, running, stepped(), JOB);
        String report = s.stop();
        assertEquals("stopped: 0 running job(s) finished, 1 cancelled, 1 queued job(s) dropped", report);
        try (var files = Files.walk(other)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("result")), "nothing half-written");
        }
        assertNotEquals(running, waiting);
    }

    /** A PNG that is only a signature and a header claiming w x h: a decompression bomb's first bytes. */
    private static byte[] pngHeader(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 137, 80, 78, 71, 13, 10, 26, 10});
        out.writeBytes(ByteBuffer.allocate(4).putInt(13).array());
        out.writeBytes(ihdr.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }
}
