package org.dadiff4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A message after the progress bar starts on a line of its own (issue #20, case 10). */
class ProgressBarsTest {

    @Test
    void closingABarEndsItsLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBars bars = new ProgressBars(new java.io.PrintWriter(java.io.Writer.nullWriter()), true,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        bars.imageStarted(0, 1, "photo.png", 10);
        bars.stepDone(3, 10);
        bars.close(); // what UpscaleCommand does in a finally block, also when the batch throws
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("photo.png") && out.endsWith(System.lineSeparator()), out);
        bars.close(); // twice is harmless
    }
}
