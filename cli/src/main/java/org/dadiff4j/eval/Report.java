package org.dadiff4j.eval;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.dadiff4j.AtomicFile;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;

/**
 * One self-contained HTML page about an {@link EvalRunner} folder: the table, zoomed crops of LR
 * (nearest-neighbour), every method and HR for a few images, bar charts of PSNR and NIQE, PSNR
 * against alpha where alpha variants were run, and the restoration curves. Images are embedded as
 * base64 PNG data URIs and charts as inline SVG, so the file needs nothing else to display.
 */
public final class Report {

    private static final int CROP = 64;
    private static final int TILE = 192;

    private final Path run;
    private final JsonObject info;
    private final List<String> methods = new ArrayList<>();
    private final List<ResultTable.Summary> summaries;
    private final List<ResultTable.Row> rows;

    private Report(Path run) {
        this.run = run;
        Path json = run.resolve("run.json");
        if (!Files.isRegularFile(json)) {
            throw DadiffException.of(run, "is not an evaluation folder (no run.json; make one with dadiff eval run)");
        }
        try {
            info = JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw DadiffException.of(json, "cannot read: " + Problems.describe(e), e);
        }
        info.getAsJsonArray("methods").forEach(m -> methods.add(m.getAsString()));
        summaries = Files.isRegularFile(run.resolve("table.csv")) ? ResultTable.readSummary(run.resolve("table.csv")) : List.of();
        rows = Files.isRegularFile(run.resolve("per_image.csv")) ? ResultTable.readPerImage(run.resolve("per_image.csv")) : List.of();
    }

    /** Writes the report of {@code run} to {@code html}, with crops of the first {@code examples} images. */
    public static void write(Path run, Path html, int examples) {
        byte[] bytes = render(run, examples).getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(html, o -> o.write(bytes));
    }

    /** The page as a string. */
    public static String render(Path run, int examples) {
        return new Report(run).page(examples);
    }

    private String page(int examples) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(Svg.esc("Evaluation: " + run.toAbsolutePath().normalize().getFileName())).append("</title><style>")
                .append("body{font-family:sans-serif;margin:24px;max-width:1400px;color:#222}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}.tiles{display:flex;flex-wrap:wrap;gap:8px;margin-bottom:18px}")
                .append(".tile{text-align:center;font-size:12px}.tile img{width:" + TILE + "px;height:" + TILE + "px;")
                .append("image-rendering:pixelated;display:block;border:1px solid #999}.tile img.whole{image-rendering:auto;height:auto}.charts svg{margin:8px 16px 8px 0}")
                .append("</style></head><body>\n");
        // the run folder's name, not its absolute path: reports are committed and shared
        sb.append("<h1>").append(Svg.esc("Evaluation: " + run.toAbsolutePath().normalize().getFileName())).append("</h1>\n");
        for (String line : captionLines()) {
            sb.append("<p>").append(Svg.esc(line)).append("</p>\n");
        }
        sb.append(table());
        sb.append("<h2>Zoomed crops</h2>\n").append(crops(examples));
        sb.append("<h2>Charts</h2>\n<div class=\"charts\">\n").append(charts()).append("</div>\n</body></html>\n");
        return sb.toString();
    }

    /** The lines of table.md that are not the table: what was measured, and skipped metrics. */
    private List<String> captionLines() {
        Path md = run.resolve("table.md");
        if (!Files.isRegularFile(md)) {
            return List.of("No table yet: the run has not finished scoring.");
        }
        try {
            return Files.readAllLines(md, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("|")).toList();
        } catch (IOException e) {
            throw DadiffException.of(md, "cannot read: " + Problems.describe(e), e);
        }
    }

    private String table() {
        if (summaries.isEmpty()) {
            return "";
        }
        List<MetricColumn> cols = new ArrayList<>(summaries.get(0).values().keySet());
        StringBuilder sb = new StringBuilder("<table><tr><th>Method</th><th>Images</th>");
        cols.forEach(c -> sb.append("<th>").append(Svg.esc(c.header())).append("</th>"));
        sb.append("</tr>\n");
        for (ResultTable.Summary s : summaries) {
            sb.append("<tr><td>").append(Svg.esc(s.method())).append("</td><td>").append(s.images()).append("</td>");
            cols.forEach(c -> sb.append("<td>").append(c.format(s.get(c))).append("</td>"));
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    private String crops(int examples) {
        Path hrDir = Paths.get(info.get("hr").getAsString());
        Path lrDir = Paths.get(info.get("lr").getAsString());
        int scale = info.get("scale").getAsInt();
        List<TestSet.Pair> pairs;
        try {
            pairs = TestSet.match(hrDir, lrDir).pairs();
        } catch (DadiffException e) {
            return "<p>" + Svg.esc("No crops: " + e.getMessage()) + "</p>\n";
        }
        // The images the run scored (a run may have used --limit), else those with outputs.
        java.util.Set<String> scored = new java.util.HashSet<>();
        rows.forEach(r -> scored.add(r.image()));
        List<TestSet.Pair> shown = pairs.stream().filter(p -> scored.isEmpty() ? methods.stream()
                .anyMatch(m -> Files.isRegularFile(run.resolve(m).resolve(p.stem() + ".png"))) : scored.contains(p.name()))
                .limit(examples).toList();
        StringBuilder sb = new StringBuilder();
        for (TestSet.Pair p : shown) {
            Picture hr = ImageFiles.read(p.hr());
            int[] hrRgb = Pixels.rgb(hr);
            int c = Math.max(scale, Math.min(CROP, Math.min(hr.width(), hr.height())) / scale * scale);
            int[] at = busiestWindow(hrRgb, hr.width(), hr.height(), c, scale);
            sb.append("<h3>").append(Svg.esc(p.name())).append("</h3>\n<div class=\"tiles\">");
            sb.append(tile("HR (crop marked)", overview(hrRgb, hr.width(), hr.height(), at, c), "").replace("<img ", "<img class=\"whole\" "));
            Picture lr = ImageFiles.read(p.other());
            int lc = Math.max(1, c / scale);
            int lx = Math.min(at[0] / scale, Math.max(0, lr.width() - lc));
            int ly = Math.min(at[1] / scale, Math.max(0, lr.height() - lc));
            sb.append(tile("LR (nearest)", crop(Pixels.rgb(lr), lr.width(), lr.height(), lx, ly, Math.min(lc, lr.width()),
                    Math.min(lc, lr.height())), ""));
            for (String m : methods) {
                Path f = run.resolve(m).resolve(p.stem() + ".png");
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                Picture sr = ImageFiles.read(f);
                if (sr.width() != hr.width() || sr.height() != hr.height()) {
                    continue;
                }
                sb.append(tile(m, crop(Pixels.rgb(sr), sr.width(), sr.height(), at[0], at[1], c, c), scores(m, p.name())));
            }
            sb.append(tile("HR", crop(hrRgb, hr.width(), hr.height(), at[0], at[1], c, c), ""));
            sb.append("</div>\n");
        }
        return sb.toString();
    }

    private String scores(String method, String image) {
        for (ResultTable.Row r : rows) {
            if (r.method().equals(method) && r.image().equals(image)) {
                return MetricColumn.PSNR.format(r.values().getOrDefault(MetricColumn.PSNR, Double.NaN)) + " dB, SSIM "
                        + MetricColumn.SSIM.format(r.values().getOrDefault(MetricColumn.SSIM, Double.NaN));
            }
        }
        return "";
    }

    private String charts() {
        StringBuilder sb = new StringBuilder();
        List<String> labels = summaries.stream().map(ResultTable.Summary::method).toList();
        for (MetricColumn c : new MetricColumn[] {MetricColumn.PSNR, MetricColumn.NIQE}) {
            double[] v = summaries.stream().mapToDouble(s -> s.get(c)).toArray();
            sb.append(Svg.bars(c.header() + " per method", labels, v, c)).append('\n');
        }
        List<Svg.Series> alpha = alphaSeries();
        if (!alpha.isEmpty()) {
            sb.append(Svg.lines("PSNR against alpha", "alpha", "PSNR (dB)", alpha)).append('\n');
        }
        Path traj = run.resolve("trajectory.csv");
        if (Files.isRegularFile(traj)) {
            sb.append(Svg.lines("Restoration curve: PSNR of the x0 estimate per step", "step",
                    "PSNR (dB)", curves(Trajectory.read(traj)))).append('\n');
        }
        return sb.toString();
    }

    /** Variants that differ only in alpha, grouped by the rest of their label; groups of two or more. */
    private List<Svg.Series> alphaSeries() {
        Map<String, TreeMap<Double, Double>> groups = new LinkedHashMap<>();
        for (ResultTable.Summary s : summaries) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("@alpha=([^@]+)").matcher(s.method());
            if (m.find()) {
                String rest = s.method().substring(0, m.start()) + s.method().substring(m.end());
                groups.computeIfAbsent(rest, k -> new TreeMap<>()).put(Double.parseDouble(m.group(1)), s.get(MetricColumn.PSNR));
            }
        }
        List<Svg.Series> out = new ArrayList<>();
        groups.forEach((name, pts) -> {
            if (pts.size() >= 2) {
                out.add(new Svg.Series(name, pts.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                        pts.values().stream().mapToDouble(Double::doubleValue).toArray(), true));
            }
        });
        return out;
    }

    /** Per method, the mean PSNR over the recorded images at each step. */
    private static List<Svg.Series> curves(List<Trajectory.Point> points) {
        Map<String, TreeMap<Integer, double[]>> byMethod = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> images = new LinkedHashMap<>();
        for (Trajectory.Point p : points) {
            double[] acc = byMethod.computeIfAbsent(p.method(), k -> new TreeMap<>()).computeIfAbsent(p.step(), k -> new double[2]);
            acc[0] += p.psnr();
            acc[1]++;
            images.computeIfAbsent(p.method(), k -> new java.util.TreeSet<>()).add(p.image());
        }
        List<Svg.Series> out = new ArrayList<>();
        byMethod.forEach((m, steps) -> {
            int n = images.get(m).size();
            out.add(new Svg.Series(m + " (mean of " + n + " image" + (n == 1 ? "" : "s") + ")",
                    steps.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                    steps.values().stream().mapToDouble(a -> a[0] / a[1]).toArray(), false));
        });
        return out;
    }

    /** The top-left corner of the c x c window (on a grid of c/2, aligned to the scale) with the most gradient. */
    static int[] busiestWindow(int[] rgb, int w, int h, int c, int scale) {
        float[] y = Pixels.luma(rgb, w, h, 3);
        double[] energy = new double[w * h];
        for (int r = 0; r < h - 1; r++) {
            for (int x = 0; x < w - 1; x++) {
                energy[r * w + x] = Math.abs(y[r * w + x + 1] - y[r * w + x]) + Math.abs(y[(r + 1) * w + x] - y[r * w + x]);
            }
        }
        int stride = Math.max(scale, c / 2 / scale * scale);
        int[] best = {0, 0};
        double bestSum = -1;
        for (int top = 0; top + c <= h; top += stride) {
            for (int left = 0; left + c <= w; left += stride) {
                double s = 0;
                for (int r = top; r < top + c; r++) {
                    for (int x = left; x < left + c; x++) {
                        s += energy[r * w + x];
                    }
                }
                if (s > bestSum) {
                    bestSum = s;
                    best = new int[] {left, top};
                }
            }
        }
        return best;
    }

    private static String tile(String label, String dataUri, String sub) {
        return "<div class=\"tile\"><img alt=\"" + Svg.esc(label) + "\" src=\"" + dataUri + "\"><b>" + Svg.esc(label)
                + "</b>" + (sub.isEmpty() ? "" : "<br>" + Svg.esc(sub)) + "</div>";
    }

    private static String crop(int[] rgb, int w, int h, int left, int top, int cw, int ch) {
        BufferedImage img = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < ch; r++) {
            for (int x = 0; x < cw; x++) {
                int o = ((top + r) * w + left + x) * 3;
                img.setRGB(x, r, (rgb[o] << 16) | (rgb[o + 1] << 8) | rgb[o + 2]);
            }
        }
        return png(img);
    }

    private static String overview(int[] rgb, int w, int h, int[] at, int c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < w * h; i++) {
            img.setRGB(i % w, i / w, (rgb[i * 3] << 16) | (rgb[i * 3 + 1] << 8) | rgb[i * 3 + 2]);
        }
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.setStroke(new java.awt.BasicStroke(Math.max(1, w / 128f)));
        g.drawRect(at[0], at[1], c - 1, c - 1);
        g.dispose();
        return png(img);
    }

    private static String png(BufferedImage img) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
