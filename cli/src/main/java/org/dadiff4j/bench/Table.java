package org.dadiff4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A titled Markdown table; numbers are written with a precision that suits their size. */
public final class Table {

    private final String title;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Table(String title, String... columns) {
        this.title = title;
        this.columns = List.of(columns);
    }

    /** Adds a row; doubles are formatted, NaN shows as "-". */
    public Table row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells in a table of " + columns.size()
                    + " columns " + columns + ": " + Arrays.toString(cells));
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(c instanceof Double || c instanceof Float ? number(((Number) c).doubleValue()) : String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    /** A line printed under the table. */
    public Table note(String line) {
        notes.add(line);
        return this;
    }

    public String title() {
        return title;
    }

    public List<List<String>> rows() {
        return rows;
    }

    /** Three significant digits at most, no exponent. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 || a == 0 ? "%.2f" : "%.3g";
        return String.format(Locale.ROOT, f, v);
    }

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("### ").append(title).append("\n\n");
        sb.append("| ").append(String.join(" | ", columns)).append(" |\n|");
        sb.append("---|".repeat(columns.size())).append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        for (String n : notes) {
            sb.append('\n').append(n).append('\n');
        }
        return sb.append('\n').toString();
    }
}
