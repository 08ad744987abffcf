package org.dadiff4j.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.dadiff4j.DadiffException;
import org.dadiff4j.web.ServeConfig;
import org.dadiff4j.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dadiff serve}: the local web app and HTTP API (module web). */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the web page and the HTTP API (/api/v1, described at /api/v1/openapi.json).",
            "Binds to 127.0.0.1 unless --host says otherwise; Ctrl-C stops it gracefully."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = ServeConfig.HOST, description = "Interface to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes it: set a --token).")
    String host;

    @Option(names = "--port", defaultValue = "" + ServeConfig.PORT, description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--workers", defaultValue = "" + ServeConfig.WORKERS, description = "Jobs run at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--queue", defaultValue = "" + ServeConfig.QUEUE, description = "Jobs that may wait; more get HTTP 429 (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--steps", defaultValue = "" + ServeConfig.STEPS, description = "Sampling steps of a job that names none (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--max-steps", defaultValue = "" + ServeConfig.MAX_STEPS, description = "Most steps a job may ask for (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--scales", split = ",", defaultValue = ServeConfig.SCALES, description = "Scales to load models for (default: ${DEFAULT-VALUE}).")
    List<Integer> scales;

    @Option(names = "--max-bytes", defaultValue = "" + ServeConfig.MAX_BYTES, description = "Largest upload in bytes (default: ${DEFAULT-VALUE}).")
    long maxBytes;

    @Option(names = "--max-pixels", defaultValue = "" + ServeConfig.MAX_PIXELS, description = "Largest input in pixels, checked from the header (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Folder of uploads and results (default: dadiff4j-serve in the temporary folder).")
    Path workDir;

    @Option(names = "--keep-hours", defaultValue = "" + ServeConfig.KEEP_HOURS, description = "Hours a finished job is kept (default: ${DEFAULT-VALUE}).")
    double keepHours;

    @Option(names = "--keep", defaultValue = "" + ServeConfig.KEEP, description = "Finished jobs kept at most (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--token", description = "Token every API call must bring (default: $" + ServeConfig.TOKEN_ENV + ", or none).")
    String token;

    @Option(names = "--grace", defaultValue = "" + ServeConfig.GRACE_SECONDS, description = "Seconds shutdown lets running jobs finish before cancelling them (default: ${DEFAULT-VALUE}).")
    int grace;

    @Mixin ModelOptions models;

    @Override
    public Integer call() throws InterruptedException {
        ServeConfig.Builder b = ServeConfig.builder();
        try {
            b.optHost(host).optPort(port).optWorkers(workers).optQueue(queue).optSteps(steps).optMaxSteps(maxSteps)
                    .optScales(scales).optMaxBytes(maxBytes).optMaxPixels(maxPixels).optKeep(keep)
                    .optRetention(Duration.ofMinutes(Math.round(keepHours * 60))).optGrace(Duration.ofSeconds(grace))
                    .optModels(models.files());
        } catch (IllegalArgumentException e) {
            throw new DadiffException(e.getMessage());
        }
        if (workDir != null) {
            b.optWorkDir(workDir);
        }
        if (token != null) {
            b.optToken(token);
        }
        ServeConfig config = b.build();
        WebServer server;
        try {
            server = WebServer.start(config);
        } catch (RuntimeException e) {
            throw new DadiffException("cannot serve on " + host + ":" + port + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("dadiff serve: stopping...");
            System.err.println("dadiff serve: " + server.stop());
            stopped.countDown();
        }, "dadiff-serve-shutdown"));
        if (!config.hasToken() && !host.equals("localhost") && !host.startsWith("127.") && !host.equals("::1")) {
            System.err.println("dadiff serve: warning: " + host + " is reachable from other machines and no token is set: "
                    + "anyone who reaches it can run jobs (set --token or $" + ServeConfig.TOKEN_ENV + ")");
        }
        System.err.println("dadiff serve: http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port()
                + "/ (loading models)");
        if (!server.awaitReady(Long.MAX_VALUE)) {
            server.stop();
            throw new DadiffException(server.problem());
        }
        System.err.println("dadiff serve: ready");
        stopped.await();
        return 0;
    }
}
