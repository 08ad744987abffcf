package org.dadiff4j.models.msdi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The entries of a reference {@code *manifest*.txt}: key, shape, dtype, in state_dict order. */
record Manifest(List<Entry> entries) {

    record Entry(int index, String key, long[] shape, String dtype) {
        long numel() {
            return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        }
    }

    static Manifest read(Path file) {
        List<Entry> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                String dims = f[1].substring(1, f[1].length() - 1).trim();
                long[] shape = dims.isEmpty() ? new long[0]
                        : Arrays.stream(dims.split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray();
                out.add(new Entry(out.size(), f[0], shape, f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifest(out);
    }
}
