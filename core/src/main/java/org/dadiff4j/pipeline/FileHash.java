package org.dadiff4j.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;

/** SHA-256 of model files, recorded in sidecars so that every output names the exact weights. */
public final class FileHash {

    private FileHash() {}

    /** Lower-case hex SHA-256 of {@code file}. */
    public static String sha256(Path file) {
        org.dadiff4j.InputFile.require(file, "model file");
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            StringBuilder sb = new StringBuilder();
            for (byte b : md.digest()) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot read: " + Problems.describe(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
