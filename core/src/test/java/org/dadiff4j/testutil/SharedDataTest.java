package org.dadiff4j.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing shared folder skips; a missing file in a present shared folder fails. */
class SharedDataTest {

    @Test
    void absentRootSkips() {
        assertThrows(TestAbortedException.class, () -> SharedData.require(null, "reference/x.npy"));
    }

    @Test
    void missingFileUnderAPresentRootFails(@TempDir Path root) throws Exception {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> SharedData.require(root, "reference/renamed.npy"));
        assertEquals(true, e.getMessage().contains("reference/renamed.npy"), e.getMessage());
        Path file = Files.createDirectories(root.resolve("reference")).resolve("there.npy");
        Files.write(file, new byte[] {1});
        assertEquals(file, SharedData.require(root, "reference/there.npy"));
    }
}
