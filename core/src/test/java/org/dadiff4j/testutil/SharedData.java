package org.dadiff4j.testutil;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates {@code ../shared} (reference outputs of the official code). Tests that need it call
 * {@link #require(String)}, which skips the test with a clear message where the shared folder is
 * absent, and fails it where the folder is there but the file is not: a renamed or lost reference
 * file must not turn a parity test into a silent skip. {@code DADIFF_SHARED} overrides the location.
 */
public final class SharedData {

    private SharedData() {}

    /** The shared folder, or null where it is absent. */
    public static Path root() {
        String env = System.getenv("DADIFF_SHARED");
        Path p = env != null && !env.isEmpty()
                ? Paths.get(env)
                : Paths.get(System.getProperty("user.dir")).resolve("../shared").normalize();
        return Files.isDirectory(p) ? p : null;
    }

    /** {@code shared/<relative>}; skips the calling test without a shared folder, fails it without the file. */
    public static Path require(String relative) {
        return require(root(), relative);
    }

    static Path require(Path root, String relative) {
        assumeTrue(root != null, "../shared is absent (set DADIFF_SHARED); skipping reference test");
        Path p = root.resolve(relative);
        if (!Files.exists(p)) {
            fail("shared/" + relative + " is missing from " + root + " (the shared folder is there, so this is an error)");
        }
        return p;
    }
}
