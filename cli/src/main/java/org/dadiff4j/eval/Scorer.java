package org.dadiff4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dadiff4j.DadiffException;
import org.dadiff4j.eval.net.Dists;
import org.dadiff4j.eval.net.FidInception;
import org.dadiff4j.eval.net.Lpips;
import org.dadiff4j.eval.net.MetricWeights;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;
import org.dadiff4j.image.Tensors;

/**
 * Scores restored images against their HR originals: PSNR and SSIM on 8-bit RGB (BasicSR's
 * definitions, with the crop and Y-channel options), NIQE of the restored image (no crop, as the
 * paper), and the network metrics LPIPS (alex, vgg), DISTS and FID when their official weight files
 * are in the weights folder. A metric that cannot run is left out with one note saying why.
 */
public final class Scorer implements AutoCloseable {

    private static final int NIQE_MIN_SIDE = 96;

    private final Metrics.Options options;
    private final List<MetricColumn> columns = new ArrayList<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private final Map<Path, float[]> hrFeatures = new HashMap<>();
    private final Lpips lpipsAlex;
    private final Lpips lpipsVgg;
    private final Dists dists;
    private final FidInception fid;

    /**
     * @param weights the folder of the network metrics' files, or null to skip them all
     */
    public Scorer(Metrics.Options options, MetricWeights weights) {
        this.options = options;
        columns.addAll(List.of(MetricColumn.PSNR, MetricColumn.SSIM, MetricColumn.NIQE, MetricColumn.GRAIN));
        if (weights == null) {
            notes.add("LPIPS, DISTS and FID skipped: no --weights folder with their official weight files");
        }
        try {
            lpipsAlex = load(weights, MetricWeights.Metric.LPIPS_ALEX, MetricColumn.LPIPS_ALEX, () -> weights.lpips(Lpips.Net.ALEX));
            lpipsVgg = load(weights, MetricWeights.Metric.LPIPS_VGG, MetricColumn.LPIPS_VGG, () -> weights.lpips(Lpips.Net.VGG));
            dists = load(weights, MetricWeights.Metric.DISTS, MetricColumn.DISTS, () -> weights.dists());
            fid = load(weights, MetricWeights.Metric.FID, MetricColumn.FID, () -> weights.fidInception());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The columns this scorer fills, in table order. */
    public List<MetricColumn> columns() {
        return List.copyOf(columns);
    }

    /** One line per metric that is skipped, and why. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** What was measured, for the caption of a table. */
    public String describe() {
        return "PSNR/SSIM on " + (options.yChannel() ? "the Y channel" : "8-bit RGB")
                + (options.cropBorder() > 0 ? ", " + options.cropBorder() + " px border cropped" : "")
                + "; NIQE of the restored image; grain: mean std of (output - HR) on the flattest 20% of 8x8 HR "
                + "blocks, in 8-bit levels";
    }

    /**
     * Scores every pair of {@code set} (partner = restored image) as {@code method} into
     * {@code table}, and closes the method's summary with the set metrics.
     */
    public ResultTable.Summary scoreSet(String method, TestSet set, ResultTable table) {
        List<float[]> srFeatures = new ArrayList<>();
        List<float[]> hrSetFeatures = new ArrayList<>();
        for (TestSet.Pair p : set.pairs()) {
            Picture hr = ImageFiles.read(p.hr());
            Picture sr = ImageFiles.read(p.other());
            table.add(method, p.name(), score(p.other(), sr, hr));
            if (fid != null) {
                srFeatures.add(fidFeatures(sr));
                hrSetFeatures.add(hrFeatures.computeIfAbsent(p.hr(), k -> fidFeatures(hr)));
            }
        }
        Map<MetricColumn, Double> setValues = new EnumMap<>(MetricColumn.class);
        if (fid != null) {
            if (srFeatures.size() < 2) {
                notes.add("FID skipped: it needs at least 2 images");
            } else {
                setValues.put(MetricColumn.FID, FrechetDistance.compute(
                        srFeatures.toArray(float[][]::new), hrSetFeatures.toArray(float[][]::new)).value());
            }
        }
        return table.summarise(method, setValues);
    }

    /** The per-image metrics of a restored picture {@code sr} (read from {@code file}) against {@code hr}. */
    public Map<MetricColumn, Double> score(Path file, Picture sr, Picture hr) {
        if (sr.width() != hr.width() || sr.height() != hr.height()) {
            throw DadiffException.of(file, "is " + sr.width() + "x" + sr.height() + " but its HR image is "
                    + hr.width() + "x" + hr.height());
        }
        int w = hr.width();
        int h = hr.height();
        int[] a = Pixels.rgb(sr);
        int[] b = Pixels.rgb(hr);
        Map<MetricColumn, Double> v = new EnumMap<>(MetricColumn.class);
        try {
            v.put(MetricColumn.PSNR, Metrics.psnr(a, b, w, h, 3, options));
            v.put(MetricColumn.SSIM, Metrics.ssim(a, b, w, h, 3, options));
            v.put(MetricColumn.GRAIN, Grain.compute(a, b, w, h, 3));
        } catch (IllegalArgumentException e) {
            throw DadiffException.of(file, e.getMessage(), e);
        }
        if (w >= NIQE_MIN_SIDE && h >= NIQE_MIN_SIDE) {
            v.put(MetricColumn.NIQE, Niqe.compute(a, w, h));
        } else {
            v.put(MetricColumn.NIQE, Double.NaN);
            notes.add("NIQE skipped for images smaller than " + NIQE_MIN_SIDE + "x" + NIQE_MIN_SIDE);
        }
        if (lpipsAlex != null || lpipsVgg != null || dists != null) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = Tensors.toNchwRgb(m, sr);
                NDArray y = Tensors.toNchwRgb(m, hr);
                putDistance(v, MetricColumn.LPIPS_ALEX, lpipsAlex == null ? null : lpipsAlex.distance(x, y));
                putDistance(v, MetricColumn.LPIPS_VGG, lpipsVgg == null ? null : lpipsVgg.distance(x, y));
                putDistance(v, MetricColumn.DISTS, dists == null ? null : dists.distance(x, y));
            }
        }
        return v;
    }

    @Override
    public void close() {
        if (lpipsAlex != null) {
            lpipsAlex.close();
        }
        if (lpipsVgg != null) {
            lpipsVgg.close();
        }
        if (dists != null) {
            dists.close();
        }
        if (fid != null) {
            fid.close();
        }
    }

    private float[] fidFeatures(Picture p) {
        try (NDManager m = NDManager.newBaseManager()) {
            return fid.activations(Tensors.toNchwRgb(m, p))[0];
        }
    }

    private static void putDistance(Map<MetricColumn, Double> v, MetricColumn c, NDArray d) {
        if (d != null) {
            v.put(c, (double) d.getFloat(0));
        }
    }

    private interface Loader<T> {
        T load();
    }

    private <T> T load(MetricWeights weights, MetricWeights.Metric metric, MetricColumn column, Loader<T> loader) {
        if (weights == null) {
            return null;
        }
        if (!weights.available(metric)) {
            notes.add(weights.note(metric));
            return null;
        }
        T t = loader.load();
        columns.add(column);
        return t;
    }
}
