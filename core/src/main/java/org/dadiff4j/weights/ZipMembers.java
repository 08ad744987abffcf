package org.dadiff4j.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Limits;

/**
 * Reads one zip member with its size bounded before and while it is read: the zip's directory is
 * written by whoever made the file, so neither its sizes nor the inflater's output are trusted.
 */
final class ZipMembers {

    private ZipMembers() {}

    /**
     * The bytes of {@code en}.
     *
     * @param file names the archive in messages (null: the message names the member only)
     * @param expected the exact size required, or -1 for any
     * @param max the largest size accepted
     */
    static byte[] read(Path file, ZipFile zip, ZipEntry en, long expected, long max) throws IOException {
        long declared = en.getSize();
        long bound = Math.min(max, en.getMethod() == ZipEntry.STORED ? max
                : Limits.maxInflated(Math.max(0, en.getCompressedSize())));
        if (declared > bound || expected >= 0 && declared >= 0 && declared != expected) {
            throw problem(file, en, declared > bound && (expected < 0 || declared == expected)
                    ? "declares " + declared + " bytes (" + why(declared, max) + ")"
                    : "declares " + declared + " bytes, expected " + expected);
        }
        int limit = (int) Math.min(bound, Limits.MAX_TENSOR_BYTES);
        try (InputStream in = zip.getInputStream(en)) {
            byte[] b = in.readNBytes(limit);
            if (in.read() >= 0) {
                throw problem(file, en, "expands beyond " + limit + " bytes (" + why(limit + 1L, max) + ")");
            }
            if (expected >= 0 && b.length != expected || declared >= 0 && b.length != declared) {
                throw problem(file, en, "holds " + b.length + " bytes, expected "
                        + (expected >= 0 ? expected : declared));
            }
            return b;
        }
    }

    private static String why(long size, long max) {
        return size > max ? "limit " + max : "more than " + Limits.MAX_INFLATE_RATIO
                + "x its compressed size: a zip bomb";
    }

    private static DadiffException problem(Path file, ZipEntry en, String what) {
        String msg = "corrupt archive: member " + en.getName() + " " + what;
        return file == null ? new DadiffException(msg) : DadiffException.of(file, msg);
    }
}
