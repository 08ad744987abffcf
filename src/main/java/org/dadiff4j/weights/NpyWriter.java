package org.dadiff4j.weights;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.dadiff4j.DadiffException;

/** Writes float32 NumPy {@code .npy} files (format 1.0, little-endian, C order), readable by {@link Npy}. */
public final class NpyWriter {

    private NpyWriter() {}

    /** The bytes of a {@code <f4} array of the given shape. */
    public static byte[] encode(float[] data, long... shape) {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (n != data.length) {
            throw new IllegalArgumentException(data.length + " values for shape " + Arrays.toString(shape));
        }
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        if (shape.length == 1) {
            dims += ",";
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        // magic (6) + version (2) + length (2) + header, padded with spaces to a multiple of 64, newline last
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float v : data) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** Writes a {@code <f4} array to {@code file}. */
    public static void write(Path file, float[] data, long... shape) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(encode(data, shape));
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot write: " + e.getMessage(), e);
        }
    }
}
