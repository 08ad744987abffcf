package org.dadiff4j.eval;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.dadiff4j.AtomicFile;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;

/**
 * A side-by-side sheet of whole images from one or more eval runs (docs/compare.png): per row one
 * test image, with the LR input enlarged by pixel repetition, the methods' outputs and the HR
 * image, so that what the tables say can be looked at.
 */
public final class CompareSheet {

    private static final int GAP = 4;
    private static final int HEADER = 24;

    private CompareSheet() {}

    /** One row: a run folder and an image name of its test set. */
    public record Row(Path run, String image) {}

    /** The first {@code perRun} scored images of each run, in the run's order. */
    public static List<Row> firstOf(List<Path> runs, int perRun) {
        List<Row> rows = new ArrayList<>();
        for (Path run : runs) {
            List<String> names = new ArrayList<>();
            for (TestSet.Pair p : testSet(run).pairs()) {
                if (names.size() < perRun) {
                    names.add(p.name());
                }
            }
            names.forEach(n -> rows.add(new Row(run, n)));
        }
        return rows;
    }

    /** Writes the sheet of {@code rows} with columns LR, {@code methods}, HR as a PNG. */
    public static void write(List<Row> rows, List<String> methods, Path png) {
        if (rows.isEmpty()) {
            throw new DadiffException("no images to compare");
        }
        List<List<BufferedImage>> cells = new ArrayList<>();
        int side = 0;
        for (Row r : rows) {
            JsonObject info = info(r.run());
            int scale = info.get("scale").getAsInt();
            Picture hr = ImageFiles.read(Path.of(info.get("hr").getAsString()).resolve(r.image()));
            Picture lr = ImageFiles.read(Path.of(info.get("lr").getAsString()).resolve(r.image()));
            List<BufferedImage> row = new ArrayList<>();
            row.add(image(lr, scale));
            for (String m : methods) {
                Path out = r.run().resolve(m).resolve(stem(r.image()) + ".png");
                if (!Files.isRegularFile(out)) {
                    throw DadiffException.of(out, "missing: run " + m + " on " + r.run() + " first (dadiff eval run)");
                }
                row.add(image(ImageFiles.read(out), 1));
            }
            row.add(image(hr, 1));
            for (BufferedImage img : row) {
                side = Math.max(side, Math.max(img.getWidth(), img.getHeight()));
            }
            cells.add(row);
        }
        List<String> labels = new ArrayList<>();
        labels.add("LR (nearest)");
        labels.addAll(methods);
        labels.add("HR");
        int cols = labels.size();
        BufferedImage sheet = new BufferedImage(cols * (side + GAP) + GAP, HEADER + rows.size() * (side + GAP) + GAP,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        for (int r = 0; r < cells.size(); r++) {
            for (int c = 0; c < cols; c++) {
                g.drawImage(cells.get(r).get(c), GAP + c * (side + GAP), HEADER + GAP + r * (side + GAP), null);
            }
        }
        label(g, labels, side);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(sheet, "png", bytes);
        } catch (IOException e) {
            throw DadiffException.of(png, "cannot encode: " + Problems.describe(e), e);
        }
        AtomicFile.write(png, o -> o.write(bytes.toByteArray()));
    }

    /** Column labels; a machine without fonts gets the sheet without them rather than an error. */
    private static void label(Graphics2D g, List<String> labels, int side) {
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            for (int c = 0; c < labels.size(); c++) {
                g.drawString(labels.get(c), GAP + c * (side + GAP) + 2, HEADER - 7);
            }
        } catch (RuntimeException | Error e) {
            // no usable font configuration (headless JDK without fonts): leave the header blank
        }
    }

    /** 8-bit RGB of {@code p}, enlarged {@code scale} times by pixel repetition. */
    private static BufferedImage image(Picture p, int scale) {
        int[] rgb = Pixels.rgb(p);
        int w = p.width();
        BufferedImage out = new BufferedImage(w * scale, p.height() * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int o = ((y / scale) * w + x / scale) * 3;
                out.setRGB(x, y, (rgb[o] << 16) | (rgb[o + 1] << 8) | rgb[o + 2]);
            }
        }
        return out;
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static TestSet testSet(Path run) {
        JsonObject info = info(run);
        return TestSet.match(Path.of(info.get("hr").getAsString()), Path.of(info.get("lr").getAsString()));
    }

    private static JsonObject info(Path run) {
        Path json = run.resolve("run.json");
        if (!Files.isRegularFile(json)) {
            throw DadiffException.of(run, "is not an evaluation folder (no run.json; make one with dadiff eval run)");
        }
        try {
            return JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw DadiffException.of(json, "cannot read: " + Problems.describe(e), e);
        }
    }
}
