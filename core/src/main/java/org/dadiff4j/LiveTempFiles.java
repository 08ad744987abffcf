package org.dadiff4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files of {@link AtomicFile} that this process is writing. An orderly shutdown
 * (SIGTERM, Ctrl-C, {@code System.exit}) deletes them, so that a stopped run leaves nothing behind;
 * {@code kill -9} runs no code, and leaves them to the next run ({@link AtomicFile#isStale}).
 * Deleting a file that is being written or renamed is safe: the rename then fails, and the target
 * keeps its old content.
 */
final class LiveTempFiles {

    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean closing;

    static {
        try {
            java.lang.Runtime.getRuntime().addShutdownHook(new Thread(LiveTempFiles::deleteAll, "dadiff4j-temp-files"));
        } catch (IllegalStateException shuttingDown) {
            closing = true;
        }
    }

    private LiveTempFiles() {}

    /** What creates a temporary file. */
    interface Creator {
        Path create() throws IOException;
    }

    /** Creates a temporary file and records it, unless the process is shutting down. */
    static Path create(Creator creator) throws IOException {
        synchronized (LIVE) { // the hook cannot run between the creation and the record
            if (closing) {
                throw new IOException("the process is shutting down");
            }
            Path tmp = creator.create();
            LIVE.add(tmp);
            return tmp;
        }
    }

    static void remove(Path tmp) {
        LIVE.remove(tmp);
    }

    private static void deleteAll() {
        synchronized (LIVE) {
            closing = true;
        }
        LIVE.forEach(LiveTempFiles::delete);
    }

    private static void delete(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // left for a later run (AtomicFile.isStale)
        }
    }
}
