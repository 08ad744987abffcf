package org.dadiff4j.eval;

import java.util.Locale;

/** The columns of the result tables: their file key, display label, direction and precision. */
public enum MetricColumn {
    PSNR("PSNR", true, 2, false),
    SSIM("SSIM", true, 4, false),
    NIQE("NIQE", false, 3, false),
    /** {@link Grain}: noise an output adds where the truth is flat. */
    GRAIN("Grain", false, 2, false),
    LPIPS_ALEX("LPIPS (alex)", false, 4, false),
    LPIPS_VGG("LPIPS (vgg)", false, 4, false),
    DISTS("DISTS", false, 4, false),
    /** Of a whole set, not of single images. */
    FID("FID", false, 2, true);

    private final String label;
    private final boolean higherIsBetter;
    private final int decimals;
    private final boolean perSet;

    MetricColumn(String label, boolean higherIsBetter, int decimals, boolean perSet) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.decimals = decimals;
        this.perSet = perSet;
    }

    /** The CSV column name, e.g. {@code lpips_alex}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether the value belongs to a set of images (FID) rather than to each image. */
    public boolean perSet() {
        return perSet;
    }

    /** The label with the paper's arrow, e.g. "PSNR↑". */
    public String header() {
        return label + (higherIsBetter ? "↑" : "↓");
    }

    /** A value for a table: fixed decimals, "inf", or "–" when missing. */
    public String format(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** The column of a CSV key. */
    public static MetricColumn ofKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
