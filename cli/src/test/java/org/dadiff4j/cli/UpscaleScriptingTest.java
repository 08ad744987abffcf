package org.dadiff4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;
import org.dadiff4j.image.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dadiff upscale} in scripts: log lines, resume keyed on the sidecar, formats, suffix, quiet, pipes. */
class UpscaleScriptingTest {

    @TempDir Path dir;
    private String tty;

    @BeforeEach
    void notATerminal() {
        tty = System.getProperty("dadiff.tty");
        System.setProperty("dadiff.tty", "false");
    }

    @AfterEach
    void restore() {
        if (tty == null) {
            System.clearProperty("dadiff.tty");
        } else {
            System.setProperty("dadiff.tty", tty);
        }
    }

    private Path image(String name) {
        Path p = dir.resolve(name);
        ImageFiles.write(TestImages.quantisedNoise(8, 8, 3, false, 8, name.hashCode()), p);
        return p;
    }

    private CliTestSupport.Result upscale(String... more) {
        String[] args = new String[more.length + 1];
        args[0] = "upscale";
        System.arraycopy(more, 0, args, 1, more.length);
        return CliTestSupport.run(args);
    }

    @Test
    void withoutATerminalEachImageIsOneLineAndSkippedOnesHaveNoBar() {
        image("a.png");
        image("b.png");
        String out = dir.resolve("o").toString();
        CliTestSupport.Result r = upscale(dir.resolve("a.png").toString(), dir.resolve("b.png").toString(),
                "-o", out, "--method", "bicubic");
        assertEquals(0, r.code, r.toString());
        assertFalse(r.err.contains("\r"), r.err);
        assertTrue(r.err.matches("(?s).*\\[1/2\\] \\S*a\\.png: written \\S*a_x4\\.png, consistency \\d+\\.\\d dB \\(\\d+\\.\\d s\\)\n.*"), r.err);
        assertTrue(r.err.contains("[2/2]"), r.err);

        CliTestSupport.Result again = upscale(dir.resolve("a.png").toString(), "-o", out, "--method", "bicubic");
        assertEquals(0, again.code, again.toString());
        assertTrue(again.err.contains("a.png: skipped"), again.err);
        assertFalse(again.err.contains("steps"), "no bar for a skipped image: " + again.err);
    }

    @Test
    void anOutputMadeWithOtherSettingsIsMadeAgainWithAMessage() throws Exception {
        image("a.png");
        String out = dir.resolve("o").toString();
        assertEquals(0, upscale(dir.resolve("a.png").toString(), "-o", out, "--method", "bicubic").code);
        CliTestSupport.Result r = upscale(dir.resolve("a.png").toString(), "-o", out, "--method", "restore");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.err.contains("made again: it was made with other settings (method bicubic -> restore"), r.err);
        String method = JsonParser.parseString(Files.readString(dir.resolve("o/a_x4.png.json")))
                .getAsJsonObject().getAsJsonObject("settings").get("method").getAsString();
        assertEquals("restore", method);
        Files.delete(dir.resolve("o/a_x4.png.json"));
        CliTestSupport.Result noSidecar = upscale(dir.resolve("a.png").toString(), "-o", out, "--method", "restore");
        assertTrue(noSidecar.err.contains("made again: it has no sidecar"), noSidecar.err);
    }

    @Test
    void theOutputFormatFollowsTheInputUnlessGiven() {
        Path jpg = dir.resolve("p.jpg");
        ImageFiles.write(TestImages.quantisedNoise(8, 8, 3, false, 8, 3), jpg);
        image("t.png");
        Path tif = dir.resolve("t.tif");
        ImageFiles.write(ImageFiles.read(dir.resolve("t.png")), tif);
        String out = dir.resolve("o").toString();
        assertEquals(0, upscale(jpg.toString(), tif.toString(), "-o", out, "--method", "bicubic").code);
        assertTrue(Files.exists(dir.resolve("o/p_x4.jpg")));
        assertTrue(Files.exists(dir.resolve("o/t_x4.tif")));
        assertEquals(0, upscale(jpg.toString(), "-o", out, "--method", "bicubic", "--format", "png",
                "--suffix", "-big").code);
        assertTrue(Files.exists(dir.resolve("o/p-big.png")));
    }

    @Test
    void tiffRoundTripsSixteenBitsAndAlpha() {
        Picture p = TestImages.quantisedNoise(9, 7, 3, true, 16, 11);
        Path tif = dir.resolve("x.tiff");
        ImageFiles.write(p, tif);
        Picture back = ImageFiles.read(tif);
        assertEquals(16, back.bitDepth());
        assertArrayEquals(p.plane(1), back.plane(1));
        assertArrayEquals(p.alpha(), back.alpha());
    }

    @Test
    void quietPrintsNothingWhenAllIsWell() {
        image("a.png");
        CliTestSupport.Result r = upscale(dir.resolve("a.png").toString(), "-o", dir.resolve("o").toString(),
                "--method", "bicubic", "--quiet");
        assertEquals(0, r.code, r.toString());
        assertEquals("", r.err.trim());
    }

    @Test
    void aDashReadsStdinAndWritesStdout() throws Exception {
        Path a = image("a.png");
        InputStream in = System.in;
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(a)));
            System.setOut(new PrintStream(bytes, true));
            assertEquals(0, upscale("-", "-o", "-", "--method", "bicubic").code);
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
        Path got = dir.resolve("got.png");
        Files.write(got, bytes.toByteArray());
        Picture hr = ImageFiles.read(got);
        assertEquals(32, hr.width());
        CliTestSupport.Result file = upscale(a.toString(), "-o", dir.resolve("o").toString(), "--method", "bicubic");
        assertEquals(0, file.code);
        assertEquals(ImageFiles.read(dir.resolve("o/a_x4.png")), hr);
    }
}
