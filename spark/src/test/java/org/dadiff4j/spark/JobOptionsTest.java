package org.dadiff4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.dadiff4j.DadiffException;
import org.dadiff4j.cli.Main;
import org.dadiff4j.pipeline.Defaults;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The job's options are the command's: the same defaults, settings and checks (no Spark here). */
class JobOptionsTest {

    static JobOptions parse(String... args) {
        JobOptions o = new JobOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    /** A drift guard: the job's options are declared apart from the command's (see JobOptions). */
    @Test
    void everyUpscaleOptionOfTheCommandIsTheJobsWithTheSameDefault() {
        Map<String, OptionSpec> command = new CommandLine(new Main()).getSubcommands().get("upscale").getCommandSpec().optionsMap();
        Map<String, OptionSpec> job = new CommandLine(new JobOptions()).getCommandSpec().optionsMap();
        // the output folder is required in the job, which prints no progress; the command's global
        // options (--threads, --verbose) are not upscale options: a task's threads follow spark.task.cpus
        Set<String> commandOnly = Set.of("-o", "--output", "-q", "--quiet");
        for (Map.Entry<String, OptionSpec> e : command.entrySet()) {
            String name = e.getKey();
            if (commandOnly.contains(name) || e.getValue().inherited()) {
                continue;
            }
            OptionSpec mine = job.get(name);
            assertNotNull(mine, "the job lacks the command's " + name);
            assertEquals(String.valueOf(e.getValue().initialValue()), String.valueOf(mine.initialValue()), "initial value of " + name);
            assertEquals(e.getValue().defaultValue(), mine.defaultValue(), "default of " + name);
        }
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
    void alphaFollowsTheCommand() {
        assertEquals(Defaults.ANCHORED_ALPHA, parse("--input", "in", "--output", "out").settings().alpha(), 1e-7);
        assertEquals(Defaults.ALPHA, parse("--input", "in", "--output", "out", "--strength", "1").settings().alpha(), 1e-7);
        assertEquals(0.7, parse("--input", "in", "--output", "out", "--alpha", "0.7").settings().alpha(), 1e-7);
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
