package org.dadiff4j.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;

/**
 * A CSV log whose first column is the step. A resumed run keeps the rows up to its first step and
 * drops later ones (written after the checkpoint by the interrupted run), so the log never repeats a step.
 */
final class CsvLog implements AutoCloseable {

    private final Path file;
    private final List<String> columns;
    private final BufferedWriter out;

    CsvLog(Path file, String header, long keepUpTo) {
        this.file = file;
        this.columns = List.of(header.split(","));
        try {
            List<String> kept = new ArrayList<>();
            kept.add(header);
            if (keepUpTo > 0 && Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int comma = line.indexOf(',');
                    if (comma > 0 && line.substring(0, comma).matches("\\d+")
                            && Long.parseLong(line.substring(0, comma)) <= keepUpTo) {
                        kept.add(line);
                    }
                }
            }
            Files.write(file, kept, StandardCharsets.UTF_8);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot write the log: " + Problems.describe(e), e);
        }
    }

    /** Appends one row; numbers are written with Locale.ROOT. */
    void row(long step, double... values) {
        StringBuilder sb = new StringBuilder().append(step);
        for (double v : values) {
            sb.append(',').append(String.format(Locale.ROOT, "%.6g", v));
        }
        try {
            out.write(sb.append('\n').toString());
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot write the log: " + Problems.describe(e), e);
        }
    }

    /** The values of a row by column name, in column order (the step column left out). */
    Map<String, Double> named(double... values) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(columns.get(i + 1), values[i]);
        }
        return m;
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot write the log: " + Problems.describe(e), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot write the log: " + Problems.describe(e), e);
        }
    }
}
