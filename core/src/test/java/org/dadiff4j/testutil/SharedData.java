package org.dadiff4j.testutil;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates {@code ../shared} (reference outputs of the official code). Tests that need it call
 * {@link #require(String)}, which skips the test with a clear message where it is absent.
 * {@code DADIFF_SHARED} overrides the location.
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

    /** {@code shared/<relative>}; skips the calling test if it does not exist. */
    public static Path require(String relative) {
        Path root = root();
        assumeTrue(root != null, "../shared is absent (set DADIFF_SHARED); skipping reference test");
        Path p = root.resolve(relative);
        assumeTrue(Files.exists(p), "shared/" + relative + " is absent; skipping reference test");
        return p;
    }
}
