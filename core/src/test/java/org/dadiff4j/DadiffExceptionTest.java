package org.dadiff4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** User-facing messages stay one printable line whatever a file puts into them (issue #20, case 10). */
class DadiffExceptionTest {

    @Test
    void controlCharactersFromAFileNeverReachTheTerminal() {
        DadiffException e = DadiffException.of(Paths.get("m.pt"), "no tensor named a\nb\r\u001b[31mred\u0000\u202e");
        assertEquals("m.pt: no tensor named a b ?[31mred??", e.getMessage());
        assertFalse(e.getMessage().chars().anyMatch(Character::isISOControl));
    }

    @Test
    void javaExceptionNamesAreTakenOutOfDecoderMessages() {
        assertEquals("End of input at line 1 column 1", Problems.withoutJavaNames(
                "java.io.EOFException: End of input at line 1 column 1"));
        assertEquals("unexpected end of file", Problems.describe(new java.io.EOFException()));
        assertEquals("Bad length for IHDR chunk!", Problems.describe(new javax.imageio.IIOException(
                "javax.imageio.IIOException: Bad length for IHDR chunk!")));
    }
}
