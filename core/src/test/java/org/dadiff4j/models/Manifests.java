package org.dadiff4j.models;

import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the reference manifests ("key\t[shape]\tdtype\tnumel") and renders a stateDict the same way. */
public final class Manifests {

    private Manifests() {}

    /** "key [d0, d1]" per entry, in file order. */
    public static List<String> read(Path file) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                out.add(f[0] + " " + f[1]);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Key to shape, as the checkpoint reader reports them. */
    public static Map<String, long[]> shapes(Path file) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String entry : read(file)) {
            int sp = entry.indexOf(' ');
            String dims = entry.substring(sp + 2, entry.length() - 1).trim();
            long[] shape = dims.isEmpty() ? new long[0]
                    : Arrays.stream(dims.split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray();
            out.put(entry.substring(0, sp), shape);
        }
        return out;
    }

    /** The same rendering of a stateDict. */
    public static List<String> render(Map<String, Parameter> stateDict) {
        List<String> out = new ArrayList<>();
        stateDict.forEach((k, p) -> out.add(k + " " + Arrays.toString(p.getShape().getShape())));
        return out;
    }

    public static long numel(Map<String, Parameter> stateDict) {
        return stateDict.values().stream().mapToLong(p -> p.getShape().size()).sum();
    }
}
