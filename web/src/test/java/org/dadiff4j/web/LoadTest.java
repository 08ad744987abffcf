package org.dadiff4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load check (not in the default suite: {@code mvn -B -Pload test -pl web}): 200 requests to health
 * and job status from 16 concurrent clients on 127.0.0.1 while a job runs, bounded in time;
 * p50/p99 go to {@code bench/web-load.md}.
 */
@Tag("load")
class LoadTest {

    private static final int REQUESTS = 200;
    private static final int CLIENTS = 16;
    private static final Duration LIMIT = Duration.ofMinutes(2);

    @Test
    void healthAndStatusDoNotStallWhileAJobRuns(@TempDir Path work) throws Exception {
        WebServer server = TestServers.start(TestServers.config(work).build());
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            String job = TestServers.submit(server, TestServers.png(24, 24), Map.of("steps", "1000"));
            TestServers.await(server, job, TestServers.stepped(), Duration.ofMinutes(3));
            int stepBefore = TestServers.json(TestServers.get(server, "/api/v1/jobs/" + job)).get("step").getAsInt();
            AtomicInteger next = new AtomicInteger();
            List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger failures = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < REQUESTS; ) {
                        String path = i % 2 == 0 ? "/api/v1/health" : "/api/v1/jobs/" + job;
                        HttpRequest req = HttpRequest.newBuilder(URI.create(TestServers.base(server) + path))
                                .timeout(Duration.ofSeconds(20)).build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = TestServers.HTTP.send(req, HttpResponse.BodyHandlers.ofString());
                            nanos.add(System.nanoTime() - t0);
                            if (r.statusCode() != 200) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(LIMIT.toSeconds(), TimeUnit.SECONDS), "the load did not finish within " + LIMIT);
            double wall = (System.nanoTime() - start) / 1e9;
            JsonObject after = TestServers.json(TestServers.get(server, "/api/v1/jobs/" + job));
            assertEquals("running", after.get("state").getAsString(), "the job ran all through the load");
            assertEquals(0, failures.get());
            assertEquals(REQUESTS, nanos.size());
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            double p50 = sorted.get(REQUESTS / 2) / 1e6;
            double p99 = sorted.get((int) Math.ceil(REQUESTS * 0.99) - 1) / 1e6;
            double max = sorted.get(REQUESTS - 1) / 1e6;
            String line = String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.1f | %.2f | %d -> %d |%n",
                    Instant.now().toString().substring(0, 16), REQUESTS, CLIENTS, p50, p99, max, wall,
                    stepBefore, after.get("step").getAsInt());
            System.out.print(line);
            Path out = Path.of("bench/web-load.md");
            if (!Files.exists(out)) {
                Files.writeString(out, "# Web API load check\n\n`mvn -B -Pload test -pl web` (LoadTest): " + REQUESTS
                        + " requests (health and job status, alternating) from " + CLIENTS + " clients on 127.0.0.1,"
                        + " while one job samples on the only worker. Latency in ms.\n\n"
                        + "| when (UTC) | requests | clients | p50 | p99 | max | wall s | job step before -> after |\n"
                        + "|---|---|---|---|---|---|---|---|\n");
            }
            Files.writeString(out, line, java.nio.file.StandardOpenOption.APPEND);
            assertTrue(p99 < 2000, "p99 " + p99 + " ms: the API stalls while a job runs");
        } finally {
            pool.shutdownNow();
            server.stop();
        }
    }
}
