package org.dadiff4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dadiff4j.cli.Main;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job as a cluster runs it: {@code org.apache.spark.deploy.SparkSubmit} (the class behind the
 * spark-submit script) in a child JVM, {@code --master local[2]}, the application's classes in a jar
 * given as the primary resource (loaded by Spark's user class loader), on one small image. The child's
 * class path is this test's (Spark's jars, which are {@code provided}, and the engine's), as
 * {@code --driver-class-path} would give it; scripts/spark-submit-local.sh runs the shaded
 * dadiff4j-spark.jar the same way on a Spark distribution's jars.
 */
class SparkSubmitTest {

    static final String IMAGE = "photo_x4.png";

    @TempDir Path dir;

    /** A folder with one small image: what is checked here is the submission, not the upscale. */
    private Path input() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        ImageFiles.write(TestImages.quantisedNoise(16, 12, 3, false, 8, 19), in.resolve("photo.png"));
        return in;
    }

    @Test
    void theJarRunsUnderSparkSubmitAndWritesWhatTheCommandWrites() throws Exception {
        Path in = input();
        Path out = dir.resolve("spark");
        Result r = submit("--input", in.toString(), "--output", out.toString(), "--steps", "2");
        assertEquals(0, r.code, r.stderr);
        assertTrue(r.stderr.contains("1 images: 1 written, 0 skipped (already there), 0 failed"), r.stderr);
        assertTrue(Files.isDirectory(out.resolve(Results.FOLDER)), "the results table");
        Path cli = dir.resolve("cli");
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads the native library
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1); // as a task with spark.task.cpus = 1
        assertEquals(0, Main.run("upscale", in.toString(), "-o", cli.toString(), "--steps", "2", "--quiet"));
        assertArrayEquals(Files.readAllBytes(cli.resolve(IMAGE)), Files.readAllBytes(out.resolve(IMAGE)),
                "spark-submit's output equals the command's byte for byte");
        assertTrue(Files.isRegularFile(out.resolve(IMAGE + ".json")), "with its sidecar");
    }

    /** A missing model file fails the same way, before any Spark job: SparkUpscaleTest (in process). */
    @Test
    void aWrongModelFileFailsOnTheDriverBeforeSparkStarts() throws Exception {
        Path corrupt = Files.write(dir.resolve("broken.pth"), new byte[] {'P', 'K', 3, 4, 0, 0, 0});
        Result r = submit("--input", input().toString(), "--output", dir.resolve("b").toString(), "--degradation", corrupt.toString());
        assertOneLineNaming(r, corrupt);
        assertFalse(Files.exists(dir.resolve("b")), "no output folder");
    }

    private static void assertOneLineNaming(Result r, Path file) {
        assertEquals(2, r.code, r.stderr);
        // the other lines are the log's warnings (WARN, at most)
        List<String> lines = r.stderr.lines().filter(l -> l.startsWith("dadiff4j-spark")).collect(Collectors.toList());
        assertEquals(1, lines.size(), r.stderr);
        assertTrue(lines.get(0).startsWith("dadiff4j-spark: ") && lines.get(0).contains(file.toString()), lines.get(0));
        assertFalse(r.stderr.contains("Exception") || r.stderr.contains("\tat "), "no stack trace: " + r.stderr);
        assertFalse(r.stderr.contains("SparkContext"), "Spark never started: " + r.stderr);
    }

    record Result(int code, String stderr) {}

    /** SparkSubmit in a child JVM with the job's arguments; its stderr (Spark logs at WARN). */
    private Result submit(String... jobArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        // the --add-opens that Spark needs on Java 17, as this JVM got them from the pom
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) {
                cmd.add(a);
            }
        }
        Path testClasses = Path.of(SparkSubmitTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        cmd.add("-Dlog4j2.configurationFile=" + testClasses.resolve("log4j2.properties"));
        cmd.add("-cp");
        cmd.add(classPath(testClasses));
        cmd.add("org.apache.spark.deploy.SparkSubmit");
        cmd.addAll(List.of("--master", "local[2]", "--class", SparkUpscale.class.getName(),
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                applicationJar().toString()));
        cmd.addAll(Arrays.asList(jobArgs));
        Path err = dir.resolve("stderr-" + System.nanoTime() + ".txt");
        ProcessBuilder b = new ProcessBuilder(cmd);
        b.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = b.redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("spark-submit ran over 10 minutes: " + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(err));
    }

    /** This test's class path without the application's classes (they come in its jar) and the tests'. */
    private static String classPath(Path testClasses) throws Exception {
        Path classes = classesOfTheJob();
        String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).toAbsolutePath().equals(classes) && !Path.of(e).toAbsolutePath().equals(testClasses))
                .collect(Collectors.joining(File.pathSeparator));
        assertTrue(cp.contains("spark-core_2.13"), "the test class path holds Spark's jars: " + cp);
        return cp;
    }

    private static Path classesOfTheJob() throws Exception {
        return Path.of(SparkUpscale.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    }

    /** The job's classes as spark-submit's primary resource: the module's jar where it was built, else a jar of its classes. */
    private Path applicationJar() throws Exception {
        Path classes = classesOfTheJob();
        if (Files.isRegularFile(classes)) {
            return classes;
        }
        Path jar = dir.resolve("dadiff4j-spark-app.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
        return jar;
    }
}
