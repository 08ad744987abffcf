package org.dadiff4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.TestImages;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.compact.CompactModel;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.TensorData;
import org.dadiff4j.weights.WeightsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases of issue #20 as a user meets them on the command line: each must end with exit code 2
 * and one line that names the file or the option, before memory or time is spent.
 */
class ReliabilityTest {

    @TempDir Path dir;

    private Path png(String name, int w, int h, boolean alpha, int bits) {
        Path p = dir.resolve(name);
        ImageFiles.write(TestImages.quantisedNoise(w, h, 3, alpha, bits, name.hashCode()), p);
        return p;
    }

    private static List<String> lines(String s) {
        return Arrays.stream(s.split("\n")).filter(l -> !l.isBlank()).collect(Collectors.toList());
    }

    /** Exit 2, and one stderr line holding every one of {@code words}; no stack trace, no JVM wording. */
    private static void assertUserError(CliTestSupport.Result r, String... words) {
        assertEquals(2, r.code, r.toString());
        List<String> hits = lines(r.err).stream().filter(l -> Arrays.stream(words).allMatch(l::contains))
                .collect(Collectors.toList());
        assertEquals(1, hits.size(), r.toString());
        assertFalse(r.err.contains("\tat ") || r.err.contains("internal error") || r.err.contains("java."), r.toString());
    }

    private CliTestSupport.Result bicubic(String... extra) {
        Path in = Files.exists(dir.resolve("in.png")) ? dir.resolve("in.png") : png("in.png", 16, 16, false, 8);
        String[] args = Stream.concat(Stream.of("upscale", in.toString(), "-o", dir.resolve("out").toString(),
                "--method", "bicubic"), Arrays.stream(extra)).toArray(String[]::new);
        return CliTestSupport.run(args);
    }

    // 1 and 6: tiling options are bounded before anything is allocated

    @Test
    void hugeTileIsRefusedBeforeAnyWork() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertUserError(bicubic("--tile", "20000"), "--tile", "20000");
            assertUserError(bicubic("--tile", "1000000"), "--tile", "1000000");
        });
        assertFalse(Files.exists(dir.resolve("out").resolve("in_x4.png")));
    }

    @Test
    void badOverlapsAreOptionErrors() {
        assertUserError(bicubic("--tile", "32", "--tile-overlap", "64"), "--tile-overlap");
        // without --tile the bound is half the prior's own tile, known once the prior is loaded
        CliTestSupport.Result r = CliTestSupport.run("upscale", png("in.png", 16, 16, false, 8).toString(), "-o",
                dir.resolve("out").toString(), "--method", "ddnm", "--tile-overlap", "500");
        assertUserError(r, "--tile-overlap", "500");
        assertFalse(Files.exists(dir.resolve("out").resolve("in_x4.png")));
        assertUserError(bicubic("--tile-overlap", "-8"), "--tile-overlap", "-8");
        assertUserError(bicubic("--tile-batch", "100000"), "--tile-batch");
        assertUserError(bicubic("--guidance-tile", "1000000"), "--guidance-tile");
    }

    // 4: threads

    @Test
    void absurdThreadCountIsAnOptionError() {
        CliTestSupport.Result r = bicubic("--threads", "4000");
        assertEquals(2, r.code, r.toString());
        assertTrue(r.err.contains("--threads must be between 1 and " + org.dadiff4j.Runtime.MAX_THREADS), r.err);
    }

    // 2: non-finite weights

    @Test
    void aNanWeightIsRefusedNamingTheFile() {
        Path base = dir.resolve("model");
        try (CompactModel m = CompactModel.create(new CompactConfig(4, 8, 1, 8, 1, 4, false, true), 1)) {
            m.save(base);
        }
        Path weights = WeightsFile.weightsPath(base);
        StateDict sd = WeightsFile.read(weights);
        String name = sd.keys().iterator().next();
        float[] v = sd.get(name).toFloats();
        v[v.length / 2] = Float.NaN;
        StateDict broken = new StateDict("x");
        sd.asMap().forEach((k, t) -> broken.put(k, k.equals(name) ? TensorData.of(v, t.shape()) : t));
        WeightsFile.save(base, broken, WeightsFile.load(base).config());
        png("in.png", 16, 16, false, 8);
        CliTestSupport.Result r = CliTestSupport.run("upscale", dir.resolve("in.png").toString(), "-o",
                dir.resolve("out").toString(), "--method", "restore", "--degradation", weights.toString());
        assertUserError(r, weights.toString(), name, "NaN");
        assertFalse(Files.exists(dir.resolve("out").resolve("in_x4.png")), "no black image");
    }

    // 3 and 9: pairs, resume, leftovers, own outputs

    @Test
    void anImageWithoutItsSidecarIsDoneAgain() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(0, bicubic().code);
        Path image = out.resolve("in_x4.png");
        Files.delete(out.resolve("in_x4.png.json")); // killed between the two renames
        CliTestSupport.Result r = bicubic();
        assertEquals(0, r.code, r.toString());
        assertTrue(r.err.contains("1 written, 0 skipped"), r.err);
        assertTrue(Files.exists(out.resolve("in_x4.png.json")));
        Files.writeString(out.resolve("in_x4.png.json"), "{\"output\": \"in_x4.png\""); // cut short
        r = bicubic();
        assertTrue(r.err.contains("1 written, 0 skipped"), r.err);
        assertEquals("in_x4.png", JsonParser.parseString(Files.readString(out.resolve("in_x4.png.json")))
                .getAsJsonObject().get("output").getAsString());
        assertTrue(Files.size(image) > 0);
        r = bicubic();
        assertTrue(r.err.contains("0 written, 1 skipped"), r.err);
    }

    @Test
    void staleTemporaryFilesOfKilledRunsAreRemovedAndLiveOnesKept() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        long dead = deadPid();
        Path stale = Files.write(out.resolve(".in_x4.png." + dead + "-123456.tmp"), new byte[10]);
        Path sub = Files.createDirectories(out.resolve("sub"));
        Path staleJson = Files.write(sub.resolve(".a_x4.png.json." + dead + "-42.tmp"), new byte[10]);
        Path live = Files.write(out.resolve(".in_x4.png.1-99.tmp"), new byte[10]); // pid 1 is alive
        Path foreign = Files.write(out.resolve(".notes.swp"), new byte[10]);
        assertEquals(0, bicubic().code);
        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(staleJson));
        assertTrue(Files.exists(live), "a running process's temporary file is left alone");
        assertTrue(Files.exists(foreign), "files not of this tool are left alone");
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void outputsInTheInputFolderAreNotUpscaledAgain() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("photos"));
        ImageFiles.write(TestImages.quantisedNoise(8, 8, 3, false, 8, 3), folder.resolve("x.png"));
        CliTestSupport.Result r = CliTestSupport.run("upscale", folder.toString(), "-o", folder.toString(),
                "--method", "bicubic");
        assertEquals(0, r.code, r.toString());
        r = CliTestSupport.run("upscale", folder.toString(), "-o", folder.toString(), "--method", "bicubic");
        assertEquals(0, r.code, r.toString());
        assertFalse(Files.exists(folder.resolve("x_x4_x4.png")), r.toString());
        r = CliTestSupport.run("upscale", folder.toString(), "-o", folder.toString(), "--method", "bicubic",
                "--scale", "2");
        assertEquals(0, r.code, r.toString());
        assertTrue(Files.exists(folder.resolve("x_x2.png")));
        assertFalse(Files.exists(folder.resolve("x_x4_x2.png")), r.toString());
    }

    // 7: the output folder

    @Test
    void anOutputFolderThatIsAFileFailsBeforeTheModelsLoad() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        png("in.png", 16, 16, false, 8);
        CliTestSupport.Result r = CliTestSupport.run("upscale", dir.resolve("in.png").toString(), "-o", file.toString(),
                "--method", "restore", "--degradation", dir.resolve("missing.safetensors").toString());
        assertUserError(r, file.toString(), "is a file, not a folder");
        r = CliTestSupport.run("upscale", dir.resolve("in.png").toString(), "-o", file.resolve("sub").toString(),
                "--method", "bicubic");
        assertUserError(r, "cannot create the output folder");
    }

    @Test
    void anOutputFolderThatRefusesFilesFailsBeforeAnyWork() throws Exception {
        // sysfs lets no one create a file, root included (CI may run as root, where the read-only
        // folder below proves nothing); the check tries a real file instead of reading permissions
        Path sys = Path.of("/sys");
        assumeTrue(Files.isDirectory(sys), "no /sys here (not Linux)");
        assumeTrue(!Files.exists(sys.resolve("in_x4.png")));
        png("in.png", 16, 16, false, 8);
        CliTestSupport.Result r = CliTestSupport.run("upscale", dir.resolve("in.png").toString(), "-o", sys.toString(),
                "--method", "restore", "--degradation", dir.resolve("missing.safetensors").toString());
        assertUserError(r, sys.toString(), "not writable"); // not the missing model: refused before it loads
    }

    @Test
    void aReadOnlyOutputFolderFailsBeforeAnyWork() throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")),
                "running as root: permission bits do not stop root (anOutputFolderThatRefusesFilesFailsBeforeAnyWork"
                        + " covers root)");
        Path ro = Files.createDirectories(dir.resolve("ro"));
        assumeTrue(ro.toFile().setWritable(false, false));
        try {
            CliTestSupport.Result r = bicubic("-o", ro.toString());
            assertUserError(r, ro.toString(), "not writable");
        } finally {
            ro.toFile().setWritable(true, false);
        }
    }

    // 8: a FIFO

    @Test
    void aFifoInputFailsAtOnce() throws Exception {
        Path fifo = dir.resolve("pipe.png");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor() == 0, "mkfifo is not available");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            CliTestSupport.Result r = CliTestSupport.run("upscale", fifo.toString(), "-o", dir.resolve("out").toString(),
                    "--method", "bicubic");
            assertUserError(r, fifo.toString(), "not a regular file");
        });
    }

    // 10: messages

    @Test
    void aFolderOrADeviceAsModelSaysWhatItIs() {
        png("in.png", 16, 16, false, 8);
        CliTestSupport.Result r = CliTestSupport.run("upscale", dir.resolve("in.png").toString(), "-o",
                dir.resolve("out").toString(), "--method", "restore", "--degradation", dir.toString());
        assertUserError(r, dir.toString(), "is a folder, not a model file");
        r = CliTestSupport.run("upscale", dir.resolve("in.png").toString(), "-o",
                dir.resolve("out").toString(), "--method", "ddnm", "--prior", "/dev/null");
        assertUserError(r, "/dev/null", "not a regular file");
    }

    @Test
    void jpegSaysWhatItCannotHold() {
        assertUserError(bicubic("--format", "jpg", "--bit-depth", "16"), "--bit-depth 16", "png");
        png("rgba.png", 8, 8, true, 16);
        CliTestSupport.Result r = CliTestSupport.run("upscale", dir.resolve("rgba.png").toString(), "-o",
                dir.resolve("out").toString(), "--method", "bicubic", "--format", "jpg");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.err.contains("warning") && r.err.contains("alpha") && r.err.contains("rgba_x4.jpg"), r.err);
        assertTrue(r.err.contains("8 bits"), r.err);
    }

    @Test
    void anOutputTooLargeIsRefusedFromTheHeaderBeforeDecoding() throws Exception {
        // 100 MP announced, no pixels; 200 kB of padding so that the file could plausibly hold them
        byte[] header = TestImages.pngHeaderOnly(10000, 10000);
        Path big = Files.write(dir.resolve("big.png"), Arrays.copyOf(header, header.length + 200_000));
        CliTestSupport.Result r = CliTestSupport.run("upscale", big.toString(), "-o", dir.resolve("out").toString(),
                "--method", "bicubic");
        assertUserError(r, big.toString(), "too large (40000x40000");
        // the same header in a 60-byte file is a bomb (or corrupt), refused as such
        Path bomb = Files.write(dir.resolve("bomb.png"), header);
        r = CliTestSupport.run("upscale", bomb.toString(), "-o", dir.resolve("out").toString(), "--method", "bicubic");
        assertUserError(r, bomb.toString(), "decompression bomb");
    }

    @Test
    void anAnimatedGifIsRefused() throws Exception {
        Path gif = dir.resolve("anim.gif");
        ImageWriter w = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(gif.toFile())) {
            w.setOutput(out);
            w.prepareWriteSequence(null);
            for (int i = 0; i < 2; i++) {
                BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
                img.setRGB(i, i, 0xffffff);
                w.writeToSequence(new IIOImage(img, null, null), null);
            }
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
        CliTestSupport.Result r = CliTestSupport.run("upscale", gif.toString(), "-o", dir.resolve("out").toString(),
                "--method", "bicubic");
        assertUserError(r, gif.toString(), "animation (2 frames)");
    }

    @Test
    void aBrokenModelConfigSaysSoWithoutJavaWording() throws Exception {
        Path base = dir.resolve("model");
        try (CompactModel m = CompactModel.create(new CompactConfig(4, 8, 1, 8, 1, 4, false, true), 1)) {
            m.save(base);
        }
        png("in.png", 16, 16, false, 8);
        for (String json : new String[] {"", "{\"family\": \"compact-degradation\", \"scale\": \"four\"}", "[1, 2]", "{\"a\":"}) {
            Files.writeString(WeightsFile.configPath(base), json);
            CliTestSupport.Result r = CliTestSupport.run("upscale", dir.resolve("in.png").toString(), "-o",
                    dir.resolve("out").toString(), "--method", "restore", "--degradation",
                    WeightsFile.weightsPath(base).toString());
            assertUserError(r, WeightsFile.configPath(base).toString());
            assertFalse(r.err.contains("Cannot invoke") || r.err.contains("Exception"), r.err);
        }
    }
}
