package org.dadiff4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.dadiff4j.image.BufferedImages;
import org.dadiff4j.pipeline.Consistency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example of README.md ("Use it from Java"), as it is written there, with fewer steps. */
class ReadmeExampleTest {

    @TempDir Path dir;

    /** The example below is README.md's, apart from the steps (100 there) and the output file. */
    @Test
    void theReadmeShowsTheExampleThisTestRuns() throws Exception {
        String source = Files.readString(Path.of("core/src/test/java/org/dadiff4j/api/ReadmeExampleTest.java"));
        // the markers' last occurrences: the first ones are the literals on this line and the next
        String test = between(source.substring(source.lastIndexOf("// --- README.md example")), "// --- README.md example", "// --- end of example ---")
                .replace(".optSteps(10)", ".optSteps(100)").replace(", out);", ", new File(\"ladybird-x4.png\"));");
        String readme = between(Files.readString(Path.of("README.md")), "```java", "```");
        assertEquals(normalise(readme), normalise(test.substring(test.indexOf('\n') + 1)));
    }

    private static String between(String text, String start, String end) {
        int a = text.indexOf(start);
        int b = text.indexOf(end, a + start.length());
        assertTrue(a >= 0 && b > a, "no block between " + start + " and " + end);
        return text.substring(a + start.length(), b);
    }

    private static String normalise(String code) {
        return code.replaceAll("\\s+", " ").trim();
    }

    @Test
    void theReadmeExampleUpscalesTheLadybird() throws Exception {
        File out = dir.resolve("ladybird-x4.png").toFile();
        // --- README.md example, verbatim apart from the number of steps (100 there) and the output folder ---
        try (Dadiff dadiff = Dadiff.builder()
                .optScale(4)
                .optSteps(10)
                .optSeed(1)
                .optProgress((done, total) -> System.err.printf("step %d of %d%n", done, total))
                .build()) {
            BufferedImage hr = dadiff.upscale(ImageIO.read(new File("examples/ladybird-80.png")));
            ImageIO.write(hr, "png", out);
        }
        // --- end of example ---
        BufferedImage lr = ImageIO.read(new File("examples/ladybird-80.png"));
        BufferedImage hr = ImageIO.read(out);
        assertEquals(4 * lr.getWidth(), hr.getWidth());
        assertEquals(4 * lr.getHeight(), hr.getHeight());
        double psnr = Consistency.psnr(BufferedImages.toPicture(hr), BufferedImages.toPicture(lr));
        // measured: 19.3 dB at these 10 steps (a noisier sample than the README's 100 steps give)
        assertTrue(psnr > 17, "the output reduced back to 80x80 is " + psnr + " dB from the input");
    }
}
