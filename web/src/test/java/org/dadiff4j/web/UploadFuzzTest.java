package org.dadiff4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.dadiff4j.fuzz.FixedSeed;
import org.dadiff4j.fuzz.Mutator;

/**
 * Fuzzes the HTTP upload path (docs/reliability.md): mutated images, and mutated multipart bodies,
 * POSTed to a real server on 127.0.0.1. The property: the server accepts the job (201) or answers
 * with a 4xx JSON error of one line in the user's words; never a 5xx, never Java wording, never a
 * hang past {@value #TIME_BOUND_S} s; and it keeps serving.
 */
@Tag("fuzz")
@AddLifecycleHook(FixedSeed.class)
class UploadFuzzTest {

    static final long TIME_BOUND_S = 20;

    private static WebServer server;
    private static List<byte[]> seeds;
    private static final Map<String, Integer> ANSWERS = new ConcurrentHashMap<>();

    @BeforeContainer
    static void start() throws Exception {
        Path work = Files.createTempDirectory("dadiff-upload-fuzz");
        server = TestServers.start(TestServers.config(work).optQueue(64).optMaxBytes(300_000)
                .optMaxPixels(512 * 512).build());
        seeds = List.of(TestServers.png(16, 12), TestServers.png(40, 30), jpeg(24, 20));
    }

    @AfterContainer
    static void stop() throws IOException {
        if (server != null) {
            server.stop();
        }
        writeStats();
    }

    private static synchronized void writeStats() throws IOException {
        Path out = Files.createDirectories(Path.of("target", "fuzz"));
        StringBuilder sb = new StringBuilder("reader http-upload\n");
        new TreeMap<>(ANSWERS).forEach((k, v) -> sb.append(v).append("  ").append(k).append('\n'));
        Files.writeString(out.resolve("http-upload.txt"), sb.toString());
    }

    /** {@code where} 0: the image is mutated; 1: the whole multipart body is; 2: both. */
    @Property
    void upload(@ForAll @IntRange(max = 1000) int pick, @ForAll long choice, @ForAll @IntRange(max = 2) int where)
            throws Exception {
        check(pick, choice, where);
    }

    @Example
    void aBrokenMultipartBodyIsAPlainError() throws Exception {
        // the first case the campaign found: Jetty's exception class name in the message
        JsonObject answer = check(0, 5467, 2);
        assertEquals("the request must be multipart/form-data with a file field 'image' (bad multipart)",
                answer.get("error").getAsString());
    }

    @Example
    void anUploadCutShortSaysSoInWords() throws Exception {
        // the second: a JPEG whose blocks a mutation swapped gave "the image header cannot be read (EOFException)"
        JsonObject answer = check(2, 8692726, 1);
        assertTrue(!answer.get("error").getAsString().contains("EOFException"), answer.toString());
    }

    /** One case; returns the server's answer. */
    private static JsonObject check(int pick, long choice, int where) throws Exception {
        byte[] image = seeds.get(pick % seeds.size());
        StringBuilder log = new StringBuilder();
        if (where != 1) {
            image = Mutator.mutate(image, choice, log);
        }
        String boundary = "----dadiff-fuzz";
        byte[] body = multipart(boundary, image);
        if (where != 0) {
            body = Mutator.mutate(body, ~choice, log);
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(TestServers.base(server) + "/api/v1/jobs"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(TIME_BOUND_S)).build();
        String what = "seed " + pick % seeds.size() + ", mutation " + choice + ", where " + where + " (" + log + ")";
        HttpResponse<String> r = TestServers.HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        int status = r.statusCode();
        JsonObject json = JsonParser.parseString(r.body()).getAsJsonObject();
        if (status == 201) {
            ANSWERS.merge("201 accepted", 1, Integer::sum);
            TestServers.delete(server, "/api/v1/jobs/" + json.get("id").getAsString()); // keeps the queue short
        } else {
            String error = json.get("error").getAsString();
            ANSWERS.merge(status + " " + error.replaceAll("\\d+", "N").replaceAll("\\(.*", "(...)"), 1, Integer::sum);
            assertTrue(status >= 400 && status < 500, what + ": " + status + " " + r.body());
            assertTrue(!error.contains("\n") && !error.contains("java.") && !error.contains("Exception")
                    && !error.contains("internal error") && error.length() <= 500, what + ": " + error);
        }
        assertEquals(200, TestServers.get(server, "/api/v1/health").statusCode(), what + ": no longer serving");
        if (ANSWERS.values().stream().mapToInt(Integer::intValue).sum() % 5000 == 0) {
            writeStats(); // a long campaign's counts survive an interruption
        }
        return json;
    }

    private static byte[] multipart(String boundary, byte[] image) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"method\"\r\n\r\nbicubic\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"photo.png\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(image);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static byte[] jpeg(int w, int h) throws IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | 99);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }
}
