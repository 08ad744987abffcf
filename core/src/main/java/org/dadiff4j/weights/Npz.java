package org.dadiff4j.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.dadiff4j.DadiffException;

/** NumPy {@code .npz} archives: a zip (stored or deflated) of {@code .npy} members. */
public final class Npz {

    private Npz() {}

    /** The arrays by name (member name without ".npy"), in archive order. */
    public static Map<String, Npy.Array> read(Path file) {
        org.dadiff4j.InputFile.require(file, ".npz archive");
        Map<String, Npy.Array> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                String name = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
                try {
                    out.put(key, Npy.decode(ByteBuffer.wrap(ZipMembers.read(file, zip, e, -1,
                            org.dadiff4j.Limits.MAX_TENSOR_BYTES))));
                } catch (IllegalArgumentException | java.nio.BufferUnderflowException | ArithmeticException ex) {
                    throw DadiffException.of(file, "member " + name + " is not a valid .npy: " + ex.getMessage(), ex);
                }
            }
        } catch (ZipException e) {
            throw DadiffException.of(file, "not a valid .npz (zip) file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot read: " + org.dadiff4j.Problems.describe(e), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // ZipFile throws these for malformed entry names and inconsistent headers
            throw DadiffException.of(file, "not a valid .npz (zip) file: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * The arrays of an archive read from a stream (a resource inside the jar), by member name
     * without ".npy"; {@code source} names the archive in errors.
     */
    public static Map<String, Npy.Array> read(InputStream stream, String source) {
        Map<String, Npy.Array> out = new LinkedHashMap<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(stream)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
                try {
                    out.put(key, Npy.decode(ByteBuffer.wrap(zip.readAllBytes())));
                } catch (IllegalArgumentException | java.nio.BufferUnderflowException ex) {
                    throw new DadiffException(source + ": member " + name + " is not a valid .npy: " + ex.getMessage(), ex);
                }
            }
        } catch (IOException e) {
            throw new DadiffException(source + ": cannot read: " + e.getMessage(), e);
        }
        return out;
    }
}
