package org.dadiff4j.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import javax.imageio.ImageIO;

/** Servers on 127.0.0.1 with a free port and the x4 models only, and small HTTP helpers for the tests. */
final class TestServers {

    static final Duration LOAD = Duration.ofMinutes(5);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

    private TestServers() {}

    static ServeConfig.Builder config(Path work) {
        return ServeConfig.builder().optHost("127.0.0.1").optPort(0).optScales(java.util.List.of(4))
                .optSteps(2).optWorkDir(work).optToken(null).optGrace(Duration.ofSeconds(5));
    }

    static WebServer start(ServeConfig config) throws InterruptedException {
        WebServer s = WebServer.start(config);
        assertTrue(s.awaitReady(LOAD.toMillis()), "models not ready: " + s.problem());
        return s;
    }

    /** A small photo-like image: a crop of the README's example, or a gradient without it. */
    static byte[] png(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Path example = Path.of("examples/ladybird-80.png");
        BufferedImage src = Files.exists(example) ? ImageIO.read(example.toFile()) : null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = src != null ? src.getRGB((x + 16) % src.getWidth(), (y + 16) % src.getHeight())
                        : (x * 255 / w) << 16 | (y * 255 / h) << 8 | 128;
                img.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static String base(WebServer s) {
        return "http://127.0.0.1:" + s.port();
    }

    static HttpResponse<String> get(WebServer s, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base(s) + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> getBytes(WebServer s, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base(s) + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<String> delete(WebServer s, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base(s) + path)).DELETE().timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a multipart form: {@code image} (when not null) and the fields. */
    static HttpResponse<String> post(WebServer s, byte[] image, Map<String, String> fields) throws IOException, InterruptedException {
        String boundary = "----dadiff" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (image != null) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"../../etc/photo.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(image);
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create(base(s) + "/api/v1/jobs"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).timeout(Duration.ofSeconds(60)).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    /** Submits a job and returns its id (the POST must give 201). */
    static String submit(WebServer s, byte[] image, Map<String, String> fields) throws IOException, InterruptedException {
        // Strength 1 unless a test asks otherwise: every configured step runs, so step counts are known.
        Map<String, String> all = new java.util.HashMap<>(fields);
        all.putIfAbsent("strength", "1");
        HttpResponse<String> r = post(s, image, all);
        if (r.statusCode() != 201) {
            throw new AssertionError("POST gave " + r.statusCode() + ": " + r.body());
        }
        return json(r).get("id").getAsString();
    }

    /** Polls a job until {@code until} holds (every 100 ms, at most {@code limit}); returns its last state. */
    static JsonObject await(WebServer s, String id, Predicate<JsonObject> until, Duration limit) throws IOException, InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        JsonObject job = null;
        while (System.nanoTime() < end) {
            job = json(get(s, "/api/v1/jobs/" + id));
            if (until.test(job)) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not get there in " + limit + "; last: " + job);
    }

    static Predicate<JsonObject> finished() {
        return j -> j.get("state").getAsString().matches("done|failed|cancelled");
    }

    static Predicate<JsonObject> stepped() {
        return j -> j.get("state").getAsString().equals("running") && j.get("step").getAsInt() >= 1
                || finished().test(j);
    }

    /** Resident memory of this process (Linux), in kB. */
    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
