package org.dadiff4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;
import org.dadiff4j.image.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dadiff upscale} as a user meets it: outputs, sidecars, resume, and one-line errors. */
class UpscaleCommandTest {

    @TempDir Path dir;

    private Path png(String name, int w, int h, int channels, boolean alpha, int bits) {
        Path p = dir.resolve(name);
        ImageFiles.write(TestImages.quantisedNoise(w, h, channels, alpha, bits, name.hashCode()), p);
        return p;
    }

    private static List<String> errorLines(CliTestSupport.Result r) {
        return Arrays.stream(r.err.split("\n")).filter(l -> !l.isBlank()).collect(Collectors.toList());
    }

    /** Exit 2 and one line on stderr that names the file. */
    private void assertOneLineError(CliTestSupport.Result r, String fileName, String problem) {
        assertEquals(2, r.code, r.toString());
        List<String> lines = errorLines(r).stream().filter(l -> l.contains(fileName)).collect(Collectors.toList());
        assertEquals(1, lines.size(), r.toString());
        assertTrue(lines.get(0).contains(problem), lines.get(0));
        assertFalse(r.err.contains("\tat "), "no stack trace: " + r.err);
    }

    @Test
    void bicubicKeepsGrayAlphaAndDepthAndWritesASidecar() throws Exception {
        png("gray16.png", 9, 7, 1, false, 16);
        png("rgba.png", 8, 6, 3, true, 8);
        Path out = dir.resolve("out");
        CliTestSupport.Result r = CliTestSupport.run("upscale", dir.toString(), "-o", out.toString(), "--method", "bicubic");
        assertEquals(0, r.code, r.toString());
        Picture g = ImageFiles.read(out.resolve("gray16_x4.png"));
        assertEquals(36, g.width());
        assertEquals(28, g.height());
        assertTrue(g.isGray());
        assertEquals(16, g.bitDepth());
        Picture a = ImageFiles.read(out.resolve("rgba_x4.png"));
        assertTrue(a.hasAlpha() && !a.isGray() && a.bitDepth() == 8);
        JsonObject side = JsonParser.parseString(Files.readString(out.resolve("rgba_x4.png.json"))).getAsJsonObject();
        assertEquals("bicubic", side.getAsJsonObject("settings").get("method").getAsString());
        assertTrue(side.get("input_consistency_psnr_db").getAsDouble() > 20, side.toString());
    }

    @Test
    void anInterruptedBatchResumesWithoutRepeatingOrLosingWork() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        for (String n : new String[] {"a", "b", "c"}) {
            ImageFiles.write(TestImages.quantisedNoise(8, 8, 3, false, 8, n.hashCode()), in.resolve(n + ".png"));
        }
        Path out = dir.resolve("out");
        // The first run "was interrupted" after a: only a's output exists.
        assertEquals(0, CliTestSupport.run("upscale", in.resolve("a.png").toString(), "-o", out.toString(),
                "--method", "bicubic").code);
        long aTime = Files.getLastModifiedTime(out.resolve("a_x4.png")).toMillis();
        Thread.sleep(20);
        CliTestSupport.Result r = CliTestSupport.run("upscale", in.toString(), "-o", out.toString(), "--method", "bicubic");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.err.contains("2 written, 1 skipped"), r.err);
        assertEquals(aTime, Files.getLastModifiedTime(out.resolve("a_x4.png")).toMillis(), "a was not redone");
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of("a_x4.png", "a_x4.png.json", "b_x4.png", "b_x4.png.json", "c_x4.png", "c_x4.png.json"),
                    s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()), "no temp files left");
        }
        r = CliTestSupport.run("upscale", in.toString(), "-o", out.toString(), "--method", "bicubic", "--overwrite");
        assertTrue(r.err.contains("3 written, 0 skipped"), r.err);
    }

    @Test
    void truncatedPngIsOneLineWithExitCode2() throws Exception {
        Path good = png("whole.png", 32, 32, 3, false, 8);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        CliTestSupport.Result r = CliTestSupport.run("upscale", cut.toString(), "-o", dir.resolve("o").toString(),
                "--method", "bicubic");
        assertOneLineError(r, "cut.png", "truncated");
        assertFalse(Files.exists(dir.resolve("o/cut_x4.png")), "no output for a bad input");
    }

    @Test
    void corruptFileIsOneLine() throws Exception {
        Path bad = dir.resolve("noise.jpg");
        Files.write(bad, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 1, 2, 3, 4, 5});
        assertOneLineError(CliTestSupport.run("upscale", bad.toString(), "-o", dir.resolve("o").toString(),
                "--method", "bicubic"), "noise.jpg", "");
    }

    @Test
    void oneByOneImageIsRefused() {
        png("dot.png", 1, 1, 3, false, 8);
        assertOneLineError(CliTestSupport.run("upscale", dir.resolve("dot.png").toString(), "-o",
                dir.resolve("o").toString(), "--method", "bicubic"), "dot.png", "too small");
    }

    @Test
    void absurdHeaderIsRefusedBeforeDecoding() throws Exception {
        Path huge = dir.resolve("huge.png");
        Files.write(huge, TestImages.pngHeaderOnly(20000, 20000));
        assertOneLineError(CliTestSupport.run("upscale", huge.toString(), "-o", dir.resolve("o").toString(),
                "--method", "bicubic"), "huge.png", "too large");
    }

    @Test
    void missingModelIsOneLine() {
        png("x.png", 8, 8, 3, false, 8);
        Path model = dir.resolve("no-such-model.pt");
        CliTestSupport.Result r = CliTestSupport.run("upscale", dir.resolve("x.png").toString(), "-o",
                dir.resolve("o").toString(), "--method", "ddnm", "--prior", model.toString());
        assertOneLineError(r, "no-such-model.pt", "no such file");
    }

    @Test
    void missingInputIsOneLine() {
        assertOneLineError(CliTestSupport.run("upscale", dir.resolve("nothing.png").toString(), "--method", "bicubic"),
                "nothing.png", "no such file");
    }
}
