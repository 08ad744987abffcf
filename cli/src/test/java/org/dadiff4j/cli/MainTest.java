package org.dadiff4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    @Test
    void helpListsEverySubcommand() {
        CliTestSupport.Result r = CliTestSupport.run("--help");
        assertEquals(0, r.code, r.toString());
        for (String c : new String[] {"upscale", "sample", "degrade", "dataset", "train", "eval", "bench"}) {
            assertTrue(r.out.contains(c), "help mentions " + c);
        }
    }

    @Test
    void versionNamesTheEngine() {
        CliTestSupport.Result r = CliTestSupport.run("--version");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("dadiff4j") && r.out.contains("PyTorch"), r.out);
    }

    @Test
    void unknownOptionIsAUsageErrorWithCode2() {
        CliTestSupport.Result r = CliTestSupport.run("--no-such-option");
        assertEquals(2, r.code, r.toString());
    }

    @Test
    void everyOutputOptionIsSpelledTheSame() {
        List<String> outputs = new ArrayList<>();
        List<String> others = new ArrayList<>();
        collect(Main.newCommandLine(), outputs, others);
        assertTrue(outputs.size() >= 10, "commands with an output: " + outputs);
        assertEquals(List.of(), others, "every output option is -o/--output");
    }

    private static void collect(CommandLine cl, List<String> outputs, List<String> others) {
        for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
            List<String> names = List.of(o.names());
            if (names.equals(List.of("-o", "--output"))) {
                outputs.add(cl.getCommandSpec().qualifiedName());
            } else if (names.contains("-o") || names.stream().anyMatch(n -> n.startsWith("--out"))) {
                others.add(cl.getCommandSpec().qualifiedName() + " " + names);
            }
        }
        cl.getSubcommands().values().forEach(sub -> collect(sub, outputs, others));
    }

    @Test
    void oneLineCollapsesNewlines() {
        assertEquals("a b c", Main.oneLine("a\n  b\r\nc"));
        assertFalse(Main.oneLine(null).isEmpty());
    }
}
