package org.dadiff4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dadiff4j.DadiffException;
import org.dadiff4j.pipeline.Defaults;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The job's options are the command's: the same defaults, settings and checks (no Spark here). */
class JobOptionsTest {

    static JobOptions parse(String... args) {
        JobOptions o = new JobOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void theDefaultsAreTheCommands() {
        JobOptions o = parse("--input", "in", "--output", "out");
        assertEquals(Defaults.STRENGTH, o.settings().strength());
        assertEquals(Defaults.STEPS, o.settings().steps());
        assertEquals(Defaults.SCALE, o.settings().scale());
        assertEquals(Defaults.JPEG_QUALITY / 100f, o.writeOptions().jpegQuality());
        assertEquals("a_x4.png", o.outputName("a", "a.png"));
    }

    @Test
    void strengthFollowsTheCommand() {
        assertEquals(0.5, parse("--input", "in", "--output", "out", "--strength", "0.5").settings().strength());
        assertEquals(1.0, parse("--input", "in", "--output", "out", "--official").settings().strength(),
                "official runs from pure noise unless told otherwise");
        DadiffException e = assertThrows(DadiffException.class,
                () -> parse("--input", "in", "--output", "out", "--strength", "2").check());
        assertTrue(e.getMessage().contains("strength"), e.getMessage());
    }

    @Test
    void theOutputOptionsAreCheckedAsTheCommandChecksThem() {
        assertEquals("--bit-depth 16 needs --format png or tif (JPEG holds 8 bits per sample)",
                assertThrows(DadiffException.class,
                        () -> parse("--input", "in", "--output", "out", "--format", "jpg", "--bit-depth", "16").check()).getMessage());
        assertEquals("b_x4.jpg", parse("--input", "in", "--output", "out", "--format", "jpeg").outputName("b", "b.png"));
        assertEquals("--partitions must be at least 1, got -1",
                assertThrows(DadiffException.class, () -> parse("--input", "in", "--output", "out", "--partitions", "-1").check())
                        .getMessage());
    }
}
