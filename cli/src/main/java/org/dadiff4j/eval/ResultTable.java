package org.dadiff4j.eval;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dadiff4j.AtomicFile;

/**
 * Scores of several methods on one test set: a row per (method, image), and a summary row per
 * method (the mean of each per-image metric, plus the set metrics such as FID), written as the
 * paper's Table 1 in CSV and Markdown. A mean skips missing values (NaN) and is +inf when one value
 * is (PSNR of identical images).
 */
public final class ResultTable {

    /** One image's scores under one method. */
    public record Row(String method, String image, Map<MetricColumn, Double> values) {}

    /** One method's row of the table. */
    public record Summary(String method, int images, Map<MetricColumn, Double> values) {

        /** The value of {@code c}, NaN when absent. */
        public double get(MetricColumn c) {
            return values.getOrDefault(c, Double.NaN);
        }
    }

    private final List<MetricColumn> columns;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Summary> summaries = new LinkedHashMap<>();

    /** A table with these columns, in this order. */
    public ResultTable(List<MetricColumn> columns) {
        this.columns = List.copyOf(columns);
    }

    public List<MetricColumn> columns() {
        return columns;
    }

    public void add(String method, String image, Map<MetricColumn, Double> values) {
        rows.add(new Row(method, image, Map.copyOf(values)));
    }

    /** Closes {@code method}: its summary is the mean of its rows plus {@code setValues}. */
    public Summary summarise(String method, Map<MetricColumn, Double> setValues) {
        Map<MetricColumn, Double> v = new LinkedHashMap<>();
        List<Row> mine = rows.stream().filter(r -> r.method.equals(method)).toList();
        for (MetricColumn c : columns) {
            v.put(c, c.perSet() ? setValues.getOrDefault(c, Double.NaN) : mean(mine, c));
        }
        Summary s = new Summary(method, mine.size(), v);
        summaries.put(method, s);
        return s;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public List<Summary> summaries() {
        return List.copyOf(summaries.values());
    }

    /** {@code method,image,<per-image columns>}. */
    public void writePerImage(Path csv) {
        List<MetricColumn> per = columns.stream().filter(c -> !c.perSet()).toList();
        List<String> header = new ArrayList<>(List.of("method", "image"));
        per.forEach(c -> header.add(c.key()));
        List<List<String>> lines = new ArrayList<>();
        for (Row r : rows) {
            List<String> l = new ArrayList<>(List.of(r.method, r.image));
            per.forEach(c -> l.add(Csv.number(r.values.getOrDefault(c, Double.NaN))));
            lines.add(l);
        }
        Csv.write(csv, header, lines);
    }

    /** {@code method,images,<columns>}: one line per method. */
    public void writeSummary(Path csv) {
        List<String> header = new ArrayList<>(List.of("method", "images"));
        columns.forEach(c -> header.add(c.key()));
        List<List<String>> lines = new ArrayList<>();
        for (Summary s : summaries.values()) {
            List<String> l = new ArrayList<>(List.of(s.method, Integer.toString(s.images)));
            columns.forEach(c -> l.add(Csv.number(s.get(c))));
            lines.add(l);
        }
        Csv.write(csv, header, lines);
    }

    /** The summary as a Markdown table, best value of each column in bold. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| Method |");
        columns.forEach(c -> sb.append(' ').append(c.header()).append(" |"));
        sb.append("\n|---|");
        columns.forEach(c -> sb.append("---:|"));
        sb.append('\n');
        for (Summary s : summaries.values()) {
            sb.append("| ").append(s.method.replace("|", "\\|")).append(" |");
            for (MetricColumn c : columns) {
                String v = c.format(s.get(c));
                boolean best = summaries.size() > 1 && !Double.isNaN(s.get(c)) && s.get(c) == best(c);
                sb.append(' ').append(best ? "**" + v + "**" : v).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #markdown()} with a line saying what was measured. */
    public void writeMarkdown(Path md, String caption) {
        byte[] bytes = (caption + "\n\n" + markdown()).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(md, out -> out.write(bytes));
    }

    /** Summaries read back from {@link #writeSummary} output, in file order. */
    public static List<Summary> readSummary(Path csv) {
        List<Summary> out = new ArrayList<>();
        for (Map<String, String> r : Csv.read(csv)) {
            Map<MetricColumn, Double> v = new LinkedHashMap<>();
            r.forEach((k, val) -> {
                if (!k.equals("method") && !k.equals("images")) {
                    v.put(MetricColumn.ofKey(k), Csv.parseNumber(val));
                }
            });
            out.add(new Summary(r.get("method"), Integer.parseInt(r.get("images")), v));
        }
        return out;
    }

    /** Rows read back from {@link #writePerImage} output. */
    public static List<Row> readPerImage(Path csv) {
        List<Row> out = new ArrayList<>();
        for (Map<String, String> r : Csv.read(csv)) {
            Map<MetricColumn, Double> v = new LinkedHashMap<>();
            r.forEach((k, val) -> {
                if (!k.equals("method") && !k.equals("image")) {
                    v.put(MetricColumn.ofKey(k), Csv.parseNumber(val));
                }
            });
            out.add(new Row(r.get("method"), r.get("image"), v));
        }
        return out;
    }

    private double best(MetricColumn c) {
        double b = Double.NaN;
        for (Summary s : summaries.values()) {
            double v = s.get(c);
            if (!Double.isNaN(v) && (Double.isNaN(b) || (c.higherIsBetter() ? v > b : v < b))) {
                b = v;
            }
        }
        return b;
    }

    private static double mean(List<Row> rows, MetricColumn c) {
        double sum = 0;
        int n = 0;
        for (Row r : rows) {
            double v = r.values.getOrDefault(c, Double.NaN);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
