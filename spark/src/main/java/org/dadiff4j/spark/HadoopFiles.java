package org.dadiff4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Output files on any Hadoop file system, written so that a reader never sees half of one: the
 * bytes go to a temporary file under the task attempt's own folder, then the file is renamed into
 * place. On HDFS and local file systems the rename is atomic. On S3 (s3a) it is a copy and a
 * delete: not atomic, but the object appears whole or not at all, because an S3 object only
 * becomes visible when its upload completes; see the README.
 */
final class HadoopFiles {

    private HadoopFiles() {}

    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code tmp} through {@code body}; an existing {@code tmp} (an earlier attempt's) is replaced. */
    static void writeTemporary(FileSystem fs, Path tmp, Body body) throws IOException {
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            body.writeTo(out);
            out.hflush();
        }
    }

    /** Moves {@code tmp} over {@code target}, replacing it: Hadoop's rename refuses an existing target. */
    static void commit(FileSystem fs, Path tmp, Path target) throws IOException {
        fs.mkdirs(target.getParent());
        if (fs.exists(target)) {
            fs.delete(target, false);
        }
        if (!fs.rename(tmp, target)) {
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }

    /** The text of a small file, or null where there is none. */
    static String readText(FileSystem fs, Path file) throws IOException {
        if (!fs.exists(file)) {
            return null;
        }
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String sha256(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return sha256(in);
        }
    }

    static String sha256(InputStream in) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (DigestInputStream d = new DigestInputStream(in, md)) {
            d.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
