package org.dadiff4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
    void oneLineCollapsesNewlines() {
        assertEquals("a b c", Main.oneLine("a\n  b\r\nc"));
        assertFalse(Main.oneLine(null).isEmpty());
    }
}
