package org.dadiff4j;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers only ever see the old content or the complete new one: the bytes go
 * to a temporary file in the target's directory, are synced, and the temporary file is renamed over
 * the target atomically. On any failure the temporary file is deleted and the target is untouched.
 */
public final class AtomicFile {

    /** What to write into the stream. */
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {}

    /**
     * Writes {@code target} through {@code body}. The directory must exist: a missing directory is
     * the caller's decision to make, not something to paper over here.
     */
    public static void write(Path target, Body body) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", permissions(dir));
            try (FileOutputStream file = new FileOutputStream(tmp.toFile());
                    OutputStream out = new BufferedOutputStream(file, 1 << 16)) {
                body.writeTo(out);
                out.flush();
                file.getFD().sync();
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp, e);
            throw DadiffException.of(target, "cannot write: " + Problems.describe(e), e);
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
        } catch (IOException e) {
            reason.addSuppressed(e);
        }
    }
}
