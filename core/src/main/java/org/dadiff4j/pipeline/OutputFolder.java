package org.dadiff4j.pipeline;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dadiff4j.AtomicFile;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;

/**
 * The output folder of a batch, checked before any work is done: it must be a folder (or be
 * creatable as one) and be writable, which is tried with a real file, since permission bits do not
 * tell about read-only mounts, quotas or ACLs.
 */
public final class OutputFolder {

    private OutputFolder() {}

    /** Creates {@code dir} if needed and checks that a file can be created in it; one-line errors. */
    public static void prepare(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw DadiffException.of(dir, "the output folder is a file, not a folder (give -o a folder)");
        }
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw DadiffException.of(dir, "cannot create the output folder: " + reason(e), e);
        } catch (IOException e) {
            throw DadiffException.of(dir, "cannot create the output folder: " + Problems.describe(e), e);
        }
        Path probe = null;
        try {
            probe = Files.createTempFile(dir, ".dadiff-probe-", ".tmp");
        } catch (IOException e) {
            throw DadiffException.of(dir, "the output folder is not writable: " + reason(e), e);
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // an empty probe file is harmless
                }
            }
        }
    }

    /**
     * Deletes the temporary files that killed runs of this tool left in {@code dir} and its
     * subfolders (see {@link AtomicFile#isStale}); files of runs still going are kept.
     *
     * @return the files deleted
     */
    public static List<Path> cleanStale(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> stale;
        try (Stream<Path> s = Files.walk(dir, 16)) {
            stale = s.filter(Files::isRegularFile).filter(AtomicFile::isStale).collect(Collectors.toList());
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(); // cleaning is a courtesy: an unreadable subfolder does not stop the batch
        }
        stale.removeIf(p -> {
            try {
                return !Files.deleteIfExists(p);
            } catch (IOException e) {
                return true; // left for a later run
            }
        });
        return stale;
    }

    private static String reason(IOException e) {
        String d = Problems.describe(e);
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() == null
                && d.equals(((FileSystemException) e).getFile())) {
            return e.getClass().getSimpleName().replaceAll("Exception$", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(java.util.Locale.ROOT);
        }
        return d;
    }
}
