package org.dadiff4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad bench options are user errors with one line naming the option. */
class BenchCommandTest {

    @Test
    void unknownSectionIsAUserError() {
        CliTestSupport.Result r = CliTestSupport.run("bench", "--sections", "methods,gpu");
        assertEquals(Main.EXIT_USER_ERROR, r.code, r.toString());
        assertTrue(r.err.contains("unknown section 'gpu'"), r.toString());
    }

    @Test
    void sizesMustFitTheScale() {
        CliTestSupport.Result r = CliTestSupport.run("bench", "--sizes", "256,100");
        assertEquals(Main.EXIT_USER_ERROR, r.code, r.toString());
        assertTrue(r.err.contains("--sizes must be multiples of 16"), r.toString());
    }
}
