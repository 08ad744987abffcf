package org.dadiff4j;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers only ever see the old content or the complete new one: the bytes go
 * to a temporary file in the target's directory, are synced, and the temporary file is renamed over
 * the target atomically. On any failure the temporary file is deleted and the target is untouched.
 *
 * <p>Temporary files are named {@code .NAME.PID-RANDOM.tmp}, so that a later run can tell the
 * leftovers of a killed process (its PID is gone) from the files a concurrent run is writing
 * ({@link #isStale}). An orderly shutdown (SIGTERM) deletes the temporary files being written.
 */
public final class AtomicFile {

    /** What to write into the stream. */
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** {@code .NAME.PID-DIGITS.tmp}; group 1 is NAME, group 2 the PID. */
    private static final Pattern TEMP = Pattern.compile("\\.(.+)\\.(\\d+)-\\d+\\.tmp");
    /** {@code .NAME.DIGITS.tmp}: the names of versions before the PID was recorded. */
    private static final Pattern OLD_TEMP = Pattern.compile("\\.(.+)\\.\\d+\\.tmp");
    /** A temporary file without a PID is stale when it is older than this (no write takes that long). */
    private static final long OLD_TEMP_AGE_MS = 24L * 3600 * 1000;

    /** A complete, synced temporary file waiting to be renamed over its target. */
    public static final class Staged implements AutoCloseable {
        private final Path target;
        private Path tmp;

        private Staged(Path target, Path tmp) {
            this.target = target;
            this.tmp = tmp;
        }

        /** Renames the temporary file over the target, atomically. */
        public void commit() {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                LiveTempFiles.remove(tmp);
                tmp = null;
            } catch (IOException | RuntimeException e) {
                close();
                throw DadiffException.of(target, "cannot write: " + Problems.describe(e), e);
            }
        }

        /** Deletes the temporary file unless it was committed. */
        @Override
        public void close() {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                    LiveTempFiles.remove(tmp);
                } catch (IOException ignored) {
                    // a leftover is cleaned by the shutdown or a later run (isStale)
                }
                tmp = null;
            }
        }
    }

    private AtomicFile() {}

    /**
     * Writes {@code target} through {@code body}. The directory must exist: a missing directory is
     * the caller's decision to make, not something to paper over here.
     */
    public static void write(Path target, Body body) {
        stage(target, body).commit();
    }

    /**
     * Writes {@code body} into a synced temporary file beside {@code target} and returns it, to be
     * committed later (so that two files can be completed before either appears).
     */
    public static Staged stage(Path target, Body body) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = LiveTempFiles.create(() -> Files.createTempFile(dir, "." + target.getFileName() + "."
                    + ProcessHandle.current().pid() + "-", ".tmp", permissions(dir)));
            // WRITE without CREATE: if a shutdown deleted the file since, opening must fail, not make it again
            try (FileChannel file = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(file), 1 << 16)) {
                body.writeTo(out);
                out.flush();
                file.force(true);
            }
            return new Staged(target, tmp);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp, e);
            throw DadiffException.of(target, "cannot write: " + Problems.describe(e), e);
        }
    }

    /**
     * True when {@code file} is a temporary file of this class whose process is gone (killed during
     * a write): it will never be renamed, and can be deleted. Files of live processes are not stale.
     */
    public static boolean isStale(Path file) {
        Matcher m = TEMP.matcher(file.getFileName().toString());
        if (!m.matches()) {
            try {
                return OLD_TEMP.matcher(file.getFileName().toString()).matches() && System.currentTimeMillis()
                        - Files.getLastModifiedTime(file).toMillis() > OLD_TEMP_AGE_MS;
            } catch (IOException e) {
                return false;
            }
        }
        try {
            long pid = Long.parseLong(m.group(2));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** rw-r--r-- less the umask, like a file made by any other program (createTempFile defaults to 0600). */
    private static FileAttribute<?>[] permissions(Path dir) {
        FileSystem fs = dir.getFileSystem();
        if (!fs.supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"))};
    }

    private static void deleteQuietly(Path tmp, Exception reason) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
            LiveTempFiles.remove(tmp);
        } catch (IOException e) {
            reason.addSuppressed(e);
        }
    }
}
