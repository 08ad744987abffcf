package org.dadiff4j.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Java developer does: {@code mvn install} this project, then build an application that
 * depends on {@code dadiff4j-core}, {@code dadiff4j-models} and the native engine, offline, and
 * upscale an image with the embedded models from the jar.
 *
 * <p>The install goes to a temporary local repository, so that the consumer can only see the
 * artifacts installed here; that repository borrows everything else (DJL, JUnit, plugins) from the
 * build's own local repository by symbolic links. Needs {@code mvn} on the PATH (skips without).
 */
class ConsumerProjectTest {

    private static final String VERSION = "0.1.0-SNAPSHOT";

    @TempDir Path tmp;

    @Test
    void aConsumerProjectBuildsAgainstTheInstalledArtifactsOfflineAndUpscales() throws Exception {
        Path mvn = onPath("mvn");
        assumeTrue(mvn != null, "mvn is not on the PATH; skipping the consumer-project test");
        Path outer = Path.of(System.getProperty("maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository"));
        assumeTrue(Files.isDirectory(outer), "no local Maven repository at " + outer);
        Path repo = borrowingRepository(outer, tmp.resolve("repo"));
        Path root = Path.of("").toAbsolutePath();

        // 1. mvn install of the parent, core and models, into the temporary repository, from a
        //    copy of their sources (the build that runs this test owns the target folders)
        Path source = tmp.resolve("source");
        copySources(root, source);
        boolean offline = Files.isDirectory(outer.resolve("org/apache/maven/plugins/maven-install-plugin/3.1.4"));
        run(source, log("install"), mvn.toString(), "-B", "-q", offline ? "-o" : "-B", "install", "-DskipTests",
                "-pl", "models,core", "-am", "-Dmaven.repo.local=" + repo);
        assertTrue(Files.isRegularFile(repo.resolve("org/dadiff4j/dadiff4j-core/" + VERSION
                + "/dadiff4j-core-" + VERSION + ".jar")), "mvn install put no dadiff4j-core jar in " + repo);

        // 2. a consumer project that knows nothing of this repository's folders
        Path app = tmp.resolve("app");
        Path test = app.resolve("src/test/java/example/UpscaleTest.java");
        Files.createDirectories(test.getParent());
        Files.writeString(app.resolve("pom.xml"), pom(), StandardCharsets.UTF_8);
        Files.writeString(test, consumerTest(), StandardCharsets.UTF_8);
        Path input = tmp.resolve("in.png");
        Files.copy(root.resolve("examples/ladybird-80.png"), input);
        Path output = tmp.resolve("out.png");

        // 3. offline build and run, with an empty model cache
        run(app, log("consumer"), mvn.toString(), "-B", "-q", "-o", "test", "-Dmaven.repo.local=" + repo,
                "-Din=" + input, "-Dout=" + output, "-Dcache=" + tmp.resolve("cache"));
        BufferedImage hr = ImageIO.read(output.toFile());
        assertEquals(320, hr.getWidth());
        assertEquals(320, hr.getHeight());
        try (Stream<Path> cached = Files.walk(tmp.resolve("cache"))) {
            assertTrue(cached.anyMatch(p -> p.getFileName().toString().equals("degradation-x4.safetensors")),
                    "the embedded model was not taken from the models jar");
        }
    }

    private Path log(String name) {
        return tmp.resolve(name + ".log");
    }

    private static String pom() {
        return "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>example</groupId><artifactId>app</artifactId><version>1</version>\n"
                + "  <properties><maven.compiler.release>17</maven.compiler.release>"
                + "<project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>\n"
                + "  <dependencies>\n"
                + dependency("org.dadiff4j", "dadiff4j-core", VERSION, null, null)
                + dependency("org.dadiff4j", "dadiff4j-models", VERSION, null, null)
                + dependency("ai.djl.pytorch", "pytorch-native-cpu", "2.7.1", "linux-x86_64", null)
                + dependency("org.slf4j", "slf4j-nop", "2.0.16", null, null)
                + dependency("org.junit.jupiter", "junit-jupiter", "5.11.4", null, "test")
                + "  </dependencies>\n"
                + "  <build><plugins>\n"
                + "    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId>"
                + "<version>3.13.0</version></plugin>\n"
                + "    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId>"
                + "<version>3.5.2</version><configuration>"
                + "<systemPropertyVariables><in>${in}</in><out>${out}</out></systemPropertyVariables>"
                + "<environmentVariables><XDG_CACHE_HOME>${cache}</XDG_CACHE_HOME><OMP_WAIT_POLICY>PASSIVE</OMP_WAIT_POLICY>"
                + "</environmentVariables></configuration></plugin>\n"
                + "  </plugins></build>\n"
                + "</project>\n";
    }

    private static String dependency(String group, String artifact, String version, String classifier, String scope) {
        return "    <dependency><groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId><version>"
                + version + "</version>" + (classifier == null ? "" : "<classifier>" + classifier + "</classifier>")
                + (scope == null ? "" : "<scope>" + scope + "</scope>") + "</dependency>\n";
    }

    private static String consumerTest() {
        return String.join("\n",
                "package example;",
                "",
                "import java.nio.file.Path;",
                "import org.dadiff4j.api.Dadiff;",
                "import org.dadiff4j.pipeline.Method;",
                "import org.junit.jupiter.api.Test;",
                "",
                "class UpscaleTest {",
                "    @Test",
                "    void upscales() {",
                "        try (Dadiff dadiff = Dadiff.builder().optMethod(Method.RESTORE).optScale(4).build()) {",
                "            dadiff.upscale(Path.of(System.getProperty(\"in\")), Path.of(System.getProperty(\"out\")));",
                "        }",
                "    }",
                "}",
                "");
    }

    /**
     * A local repository that holds links to every entry of {@code outer} but {@code org/dadiff4j},
     * so that what mvn install puts there is the only dadiff4j the consumer can find.
     */
    private static Path borrowingRepository(Path outer, Path repo) throws IOException {
        Files.createDirectories(repo.resolve("org"));
        try (Stream<Path> top = Files.list(outer)) {
            for (Path p : (Iterable<Path>) top::iterator) {
                if (!p.getFileName().toString().equals("org")) {
                    Files.createSymbolicLink(repo.resolve(p.getFileName().toString()), p);
                }
            }
        }
        try (Stream<Path> org = Files.list(outer.resolve("org"))) {
            for (Path p : (Iterable<Path>) org::iterator) {
                if (!p.getFileName().toString().equals("dadiff4j")) {
                    Files.createSymbolicLink(repo.resolve("org").resolve(p.getFileName().toString()), p);
                }
            }
        }
        return repo;
    }

    private static void copySources(Path root, Path to) throws IOException {
        Files.createDirectories(to);
        Files.copy(root.resolve("pom.xml"), to.resolve("pom.xml"));
        for (String module : new String[] {"web", "cli", "spark"}) { // not built, but the parent lists them
            Files.createDirectories(to.resolve(module));
            Files.copy(root.resolve(module + "/pom.xml"), to.resolve(module + "/pom.xml"));
        }
        for (String module : new String[] {"core", "models"}) {
            Path from = root.resolve(module);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path rel = from.relativize(f);
                    if (rel.startsWith("target") || rel.startsWith("src/test")) {
                        continue;
                    }
                    Path dest = to.resolve(module).resolve(rel.toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(f, dest);
                    }
                }
            }
        }
    }

    private static void run(Path dir, Path log, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + " in " + dir + " failed:\n"
                + tail(Files.readString(log)));
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }

    private static Path onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
