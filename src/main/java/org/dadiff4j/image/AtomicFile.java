package org.dadiff4j.image;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;
import org.dadiff4j.DadiffException;

/**
 * Writes a file so that readers only ever see the old content or the complete new one: the bytes go
 * to a temporary file in the target's directory, are synced, and the temporary file is renamed over
 * the target atomically. On any failure the temporary file is deleted and the target is untouched.
 */
final class AtomicFile {

    /** What to write into the stream. */
    interface Body {
        void writeTo(ImageOutputStream out) throws IOException;
    }

    private AtomicFile() {}

    static void write(Path target, Body body) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", permissions(dir));
            try (RandomAccessFile raf = new RandomAccessFile(tmp.toFile(), "rw");
                    ImageOutputStream out = new FileImageOutputStream(raf)) {
                body.writeTo(out);
                out.flush();
                raf.getFD().sync();
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
