package org.dadiff4j.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the photo corpora fetched by {@code scripts/fetch-corpora.sh}: {@code DADIFF_CORPORA}, else
 * {@code data/corpora} in the working copy. Tests that need them skip with a message where absent.
 */
final class CorpusData {

    private CorpusData() {}

    static Path root() {
        String env = System.getenv("DADIFF_CORPORA");
        return env != null && !env.isEmpty() ? Paths.get(env) : Paths.get(System.getProperty("user.dir"), "data", "corpora");
    }

    /** {@code root/<relative>}, or skips the test. */
    static Path require(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.exists(p), p + " is absent (run scripts/fetch-corpora.sh); skipping corpus test");
        return p;
    }
}
