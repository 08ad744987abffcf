package org.dadiff4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dadiff eval score|run|report} as a user meets them. */
class EvalCommandTest {

    @TempDir Path dir;

    private static Picture noise(int w, int h, long seed) {
        Random r = new Random(seed);
        float[][] p = new float[3][w * h];
        for (float[] plane : p) {
            for (int i = 0; i < plane.length; i++) {
                plane[i] = r.nextInt(256) / 255f;
            }
        }
        return Picture.of(w, h, p, null, 8);
    }

    @Test
    void scoreWritesTablesAndNotesEachSkippedNetworkMetric() throws Exception {
        Path hr = Files.createDirectories(dir.resolve("HR"));
        Path sr = Files.createDirectories(dir.resolve("SR"));
        Path weights = Files.createDirectories(dir.resolve("weights"));
        for (int i = 0; i < 2; i++) {
            Picture p = noise(24, 24, i);
            ImageFiles.write(p, hr.resolve("p" + i + ".png"));
            ImageFiles.write(p, sr.resolve("p" + i + "_x4.png"));
        }
        CliTestSupport.Result r = CliTestSupport.run("eval", "score", "--hr", hr.toString(), "--sr", sr.toString(),
                "--weights", weights.toString(), "--output", dir.resolve("scores").toString());
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("| SR | inf | 1.0000 | – | 0.00 |"), r.out);
        long notes = Arrays.stream(r.err.split("\n")).filter(l -> l.contains(" skipped: " + weights + " lacks ")).count();
        assertEquals(4, notes, r.err);
        assertTrue(Files.readString(dir.resolve("scores/per_image.csv")).startsWith("method,image,psnr,ssim,niqe,grain\nSR,p0.png,inf,1.0,,0.0\n"));
        assertTrue(Files.exists(dir.resolve("scores/table.csv")) && Files.exists(dir.resolve("scores/table.md")));
    }

    @Test
    void runThenReport() throws Exception {
        Path hr = Files.createDirectories(dir.resolve("set/HR"));
        Path lr = Files.createDirectories(dir.resolve("set/LR/x4"));
        for (int i = 0; i < 2; i++) {
            ImageFiles.write(noise(32, 32, i), hr.resolve("q" + i + ".png"));
            ImageFiles.write(noise(8, 8, i + 10), lr.resolve("q" + i + ".png"));
        }
        Path out = dir.resolve("run");
        CliTestSupport.Result r = CliTestSupport.run("eval", "run", "--methods", "bicubic", "--hr", hr.toString(),
                "--output", out.toString());
        assertEquals(0, r.code, r.toString());
        assertTrue(r.err.contains("2 output(s) made, 0 reused"), r.err);
        assertTrue(r.out.startsWith("| Method | PSNR↑ | SSIM↑ | NIQE↓ |"), r.out);
        assertTrue(Files.exists(out.resolve("bicubic/q1.png")));
        CliTestSupport.Result again = CliTestSupport.run("eval", "run", "--methods", "bicubic", "--hr", hr.toString(),
                "--lr", lr.toString(), "--output", out.toString());
        assertTrue(again.err.contains("0 output(s) made, 2 reused"), again.err);
        CliTestSupport.Result rep = CliTestSupport.run("eval", "report", "--run", out.toString());
        assertEquals(0, rep.code, rep.toString());
        assertTrue(Files.readString(out.resolve("report.html")).contains("<svg"));
    }

    @Test
    void userMistakesAreOneLine() throws Exception {
        CliTestSupport.Result r = CliTestSupport.run("eval", "run", "--methods", "dadiff@alpha=x", "--hr",
                dir.toString(), "--output", dir.resolve("o").toString());
        assertEquals(2, r.code, r.toString());
        assertEquals("dadiff: method 'dadiff@alpha=x': bad value 'x' for alpha (0 to 10)", r.err.trim());
        CliTestSupport.Result s = CliTestSupport.run("eval", "score", "--hr", dir.resolve("nope").toString(), "--sr", dir.toString());
        assertEquals(2, s.code, s.toString());
        assertEquals("dadiff: " + dir.resolve("nope") + ": no such folder", s.err.trim());
        CliTestSupport.Result rep = CliTestSupport.run("eval", "report", "--run", dir.toString());
        assertEquals(2, rep.code);
        assertFalse(rep.err.contains("\tat "));
        assertTrue(rep.err.contains("is not an evaluation folder"), rep.err);
    }
}
