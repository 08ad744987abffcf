package org.dadiff4j.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.dadiff4j.data.PhotoFiles;
import org.dadiff4j.data.Seeds;
import org.dadiff4j.degrade.DegradationPipeline;
import org.dadiff4j.degrade.Noise;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.image.Picture;
import org.dadiff4j.image.Tensors;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.models.DegradationAwareModel.Representation;

/**
 * Does E make Gr adapt to its input? Each HR crop is degraded cleanly (the {@code clean} recipe),
 * and the same LR image gets Gaussian noise; Gr then restores each input twice, once with E's
 * reading of the clean input and once with E's reading of the noisy one. A model whose E matters
 * restores the clean input best (and sharpest) with the clean reading and the noisy input best
 * with the noisy reading; a model that ignores E gives the same output either way.
 */
public final class Adaptation {

    /** Means over the images: PSNR against HR and detail (mean |Laplacian| of luma, 8-bit units). */
    public record Result(int images, double sigma, double[] psnr, double[] detail, double[] bicubicPsnr,
            double hrDetail) {

        /** Rows: input clean/noisy; columns: E read clean/noisy. */
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "%d crops, noise sigma %.1f (8-bit levels) on the noisy input%n", images, sigma));
            sb.append("| Gr input | E reads | PSNR | detail |\n|---|---|---:|---:|\n");
            String[][] names = {{"clean", "clean"}, {"clean", "noisy"}, {"noisy", "noisy"}, {"noisy", "clean"}};
            for (int i = 0; i < 4; i++) {
                sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f |%n", names[i][0], names[i][1], psnr[i],
                        detail[i]));
            }
            sb.append(String.format(Locale.ROOT, "| bicubic of clean | | %.2f | |%n| bicubic of noisy | | %.2f | |%n"
                    + "| HR | | | %.2f |%n", bicubicPsnr[0], bicubicPsnr[1], hrDetail));
            return sb.toString();
        }
    }

    private Adaptation() {}

    /** Runs the four restorations on each HR crop of {@code hr} at {@code scale}, seeded per image. */
    public static Result measure(DegradationAwareModel model, List<Path> hr, int scale, double sigma, long seed) {
        DegradationPipeline clean = DegradationPipeline.load("clean");
        double[] psnr = new double[4];
        double[] detail = new double[4];
        double[] bicubic = new double[2];
        double hrDetail = 0;
        for (int i = 0; i < hr.size(); i++) {
            Planes x = PhotoFiles.read(hr.get(i));
            x = x.crop(0, 0, x.width / scale * scale, x.height / scale * scale);
            Planes yc = clean.apply(x, scale, Seeds.of(seed, i)).lr;
            Planes yn = Noise.gaussian(yc, sigma, false, new SplittableRandom(Seeds.of(seed ^ 1, i)))
                    .clampInPlace().quantizeInPlace();
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray lc = lq(model, m, yc, scale);
                NDArray ln = lq(model, m, yn, scale);
                int[] truth = Pixels.rgb(picture(x));
                hrDetail += laplacian(truth, x.width, x.height);
                Planes[] inputs = {yc, yn};
                for (int k = 0; k < 2; k++) {
                    int[] up = Pixels.rgb(picture(org.dadiff4j.degrade.Resize.antialiased(inputs[k], x.width, x.height)));
                    bicubic[k] += Metrics.psnr(up, truth, x.width, x.height, 3, Metrics.Options.RGB);
                }
                try (Representation rc = model.encode(lc); Representation rn = model.encode(ln)) {
                    NDArray[] out = {model.restore(lc, rc), model.restore(lc, rn), model.restore(ln, rn),
                        model.restore(ln, rc)};
                    for (int k = 0; k < 4; k++) {
                        int[] rgb = Pixels.rgb(Tensors.fromNchw(out[k].clip(0f, 1f), 8));
                        psnr[k] += Metrics.psnr(rgb, truth, x.width, x.height, 3, Metrics.Options.RGB);
                        detail[k] += laplacian(rgb, x.width, x.height);
                    }
                }
            }
        }
        int n = hr.size();
        for (int k = 0; k < 4; k++) {
            psnr[k] /= n;
            detail[k] /= n;
        }
        return new Result(n, sigma, psnr, detail, new double[] {bicubic[0] / n, bicubic[1] / n}, hrDetail / n);
    }

    private static NDArray lq(DegradationAwareModel model, NDManager m, Planes y, int scale) {
        NDArray lr = Tensors.toNchwRgb(m, picture(y));
        if (!model.domain().lqAtHrSize()) {
            return lr;
        }
        return org.dadiff4j.image.Resize.bilinearTorch(lr, y.height * scale, y.width * scale);
    }

    private static Picture picture(Planes p) {
        return Picture.of(p.width, p.height, p.c, null, 8);
    }

    /** Mean |4-neighbour Laplacian| of luma over the interior. */
    static double laplacian(int[] rgb, int w, int h) {
        float[] y = Pixels.luma(rgb, w, h, 3);
        double s = 0;
        for (int r = 1; r < h - 1; r++) {
            for (int c = 1; c < w - 1; c++) {
                int i = r * w + c;
                s += Math.abs(4 * y[i] - y[i - 1] - y[i + 1] - y[i - w] - y[i + w]);
            }
        }
        return s / ((w - 2) * (double) (h - 2));
    }
}
