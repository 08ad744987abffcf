package org.dadiff4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Inline SVG charts for the report: horizontal bars per method, and lines over a numeric axis. */
final class Svg {

    /** A named line: points (x[i], y[i]); {@code markers} draws a dot on each point. */
    record Series(String name, double[] x, double[] y, boolean markers) {}

    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
    private static final int WIDTH = 640;
    private static final int ROW = 26;
    private static final int LABEL_W = 190;

    private Svg() {}

    /**
     * One horizontal bar per label. The axis starts at zero unless all values lie close together
     * (as PSNRs do), where it starts just below the smallest so that differences show.
     */
    static String bars(String title, List<String> labels, double[] values, MetricColumn column) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        int h = 40 + ROW * labels.size() + 30;
        StringBuilder sb = open(WIDTH, h, title);
        if (lo > hi) {
            return close(sb.append(text(WIDTH / 2.0, h / 2.0, "no values", "middle", 12)));
        }
        double min = lo >= 0 && lo > 0.5 * hi ? lo - 0.5 * (hi - lo) - 0.05 * Math.abs(hi) : Math.min(0, lo);
        double[] ticks = ticks(min, hi == min ? min + 1 : hi, 5);
        double a = ticks[0];
        double b = Math.max(ticks[ticks.length - 1], hi);
        int x0 = LABEL_W;
        int x1 = WIDTH - 70;
        int y0 = 36;
        int yEnd = y0 + ROW * labels.size();
        for (double t : ticks) {
            double x = x0 + (t - a) / (b - a) * (x1 - x0);
            sb.append(line(x, y0 - 4, x, yEnd, "#ddd"));
            sb.append(text(x, yEnd + 16, num(t, ticks), "middle", 11));
        }
        for (int i = 0; i < labels.size(); i++) {
            double y = y0 + ROW * i;
            sb.append(text(x0 - 8, y + ROW * 0.65, labels.get(i), "end", 12));
            double v = values[i];
            String shown = column.format(v);
            if (Double.isFinite(v)) {
                double w = Math.max(1, (v - a) / (b - a) * (x1 - x0));
                sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                        x0, y + 4, w, ROW - 8, COLOURS[i % COLOURS.length]));
                sb.append(text(x0 + w + 6, y + ROW * 0.65, shown, "start", 12));
            } else {
                sb.append(text(x0 + 6, y + ROW * 0.65, shown, "start", 12));
            }
        }
        sb.append(line(x0, y0 - 4, x0, yEnd, "#333"));
        return close(sb);
    }

    /** Lines over a shared numeric x axis, with a legend. */
    static String lines(String title, String xLabel, String yLabel, List<Series> series) {
        double xa = Double.POSITIVE_INFINITY;
        double xb = Double.NEGATIVE_INFINITY;
        double ya = Double.POSITIVE_INFINITY;
        double yb = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (Double.isFinite(s.y[i])) {
                    xa = Math.min(xa, s.x[i]);
                    xb = Math.max(xb, s.x[i]);
                    ya = Math.min(ya, s.y[i]);
                    yb = Math.max(yb, s.y[i]);
                }
            }
        }
        int legend = 18 * series.size();
        int h = 330 + legend;
        StringBuilder sb = open(WIDTH, h, title);
        if (xa > xb) {
            return close(sb.append(text(WIDTH / 2.0, h / 2.0, "no values", "middle", 12)));
        }
        boolean integral = series.stream().allMatch(s -> java.util.Arrays.stream(s.x).allMatch(v -> v == Math.rint(v)));
        double[] xt = ticks(xa, xb == xa ? xa + 1 : xb, integral ? Math.max(1, Math.min(6, (int) (xb - xa))) : 6);
        double[] yt = ticks(ya, yb == ya ? ya + 1 : yb, 5);
        Axis ax = new Axis(xt[0], xt[xt.length - 1], 70, WIDTH - 20);
        Axis ay = new Axis(yt[0], yt[yt.length - 1], 290, 36);
        for (double t : xt) {
            sb.append(line(ax.map(t), 36, ax.map(t), 290, "#eee"));
            sb.append(text(ax.map(t), 306, num(t, xt), "middle", 11));
        }
        for (double t : yt) {
            sb.append(line(70, ay.map(t), WIDTH - 20, ay.map(t), "#eee"));
            sb.append(text(64, ay.map(t) + 4, num(t, yt), "end", 11));
        }
        sb.append(line(70, 290, WIDTH - 20, 290, "#333")).append(line(70, 36, 70, 290, "#333"));
        sb.append(text((70 + WIDTH - 20) / 2.0, 324, xLabel, "middle", 12));
        sb.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"163\" font-size=\"12\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 16 163)\">%s</text>", esc(yLabel)));
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String colour = COLOURS[k % COLOURS.length];
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < s.x.length; i++) {
                if (Double.isFinite(s.y[i])) {
                    pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", ax.map(s.x[i]), ay.map(s.y[i])));
                    if (s.markers) {
                        sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>",
                                ax.map(s.x[i]), ay.map(s.y[i]), colour));
                    }
                }
            }
            sb.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour)
                    .append("\" points=\"").append(pts.toString().trim()).append("\"/>");
            double ly = 340 + 18 * k;
            sb.append(line(80, ly - 4, 104, ly - 4, colour));
            sb.append(text(110, ly, s.name, "start", 12));
        }
        return close(sb);
    }

    /** About {@code n} round tick values (steps of 1, 2 or 5 times a power of ten) covering lo..hi. */
    static double[] ticks(double lo, double hi, int n) {
        double raw = (hi - lo) / n;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        double start = Math.floor(lo / step + 1e-9) * step;
        List<Double> out = new ArrayList<>();
        for (double t = start; t < hi + step - 1e-9 * step; t += step) {
            out.add(t);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private record Axis(double lo, double hi, double from, double to) {
        double map(double v) {
            return from + (v - lo) / (hi - lo) * (to - from);
        }
    }

    private static String num(double t, double[] ticks) {
        double step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", t);
    }

    private static StringBuilder open(int w, int h, String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">", w, h, w, h));
        sb.append(text(w / 2.0, 20, title, "middle", 14).replace("<text ", "<text font-weight=\"bold\" "));
        return sb;
    }

    private static String close(StringBuilder sb) {
        return sb.append("</svg>").toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                x1, y1, x2, y2, colour);
    }

    private static String text(double x, double y, String s, String anchor, int size) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\">%s</text>",
                x, y, size, anchor, esc(s));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
