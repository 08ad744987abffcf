package org.dadiff4j.eval;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dadiff4j.image.Picture;
import org.dadiff4j.sampling.StepInfo;
import org.dadiff4j.sampling.StepListener;

/**
 * The restoration curve of the paper's Figure 4: the PSNR against HR of the x0 estimate at every
 * sampling step. Install it as a diffusion upscaler's observer and {@link #start} it before an
 * image whose curve is wanted; between {@link #stop} and the next start it records nothing. The
 * estimate is taken to 8 bits like a written image ((x0 + 1) / 2, clamped, rounded) and cropped to
 * the HR size (the sampler works on a padded canvas that extends right and down).
 */
public final class Trajectory implements StepListener {

    /** One step of one image: {@code step} counts from 1, {@code t} is the timestep. */
    public record Point(String method, String image, int step, int t, double psnr) {}

    private final Metrics.Options options;
    private final List<Point> points = new ArrayList<>();
    private String method;
    private String image;
    private int[] hr;
    private int width;
    private int height;

    public Trajectory(Metrics.Options options) {
        this.options = options;
    }

    /** Starts recording the curve of {@code image} under {@code method}. */
    public void start(String method, String image, Picture hr) {
        this.method = method;
        this.image = image;
        this.hr = Pixels.rgb(hr);
        this.width = hr.width();
        this.height = hr.height();
    }

    public void stop() {
        hr = null;
    }

    @Override
    public void onStep(StepInfo step, NDArray x0, NDArray x) {
        if (hr == null) {
            return;
        }
        long[] shape = x0.getShape().getShape();
        int h = Math.toIntExact(shape[2]);
        int w = Math.toIntExact(shape[3]);
        float[] v = x0.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = (v[i] + 1f) / 2f;
        }
        int[] canvas = Pixels.quantize(v, 3, h, w);
        int[] est = new int[width * height * 3];
        for (int r = 0; r < height; r++) {
            System.arraycopy(canvas, r * w * 3, est, r * width * 3, width * 3);
        }
        points.add(new Point(method, image, step.index() + 1, step.t(), Metrics.psnr(est, hr, width, height, 3, options)));
    }

    public List<Point> points() {
        return List.copyOf(points);
    }

    /** Adds points recorded earlier (e.g. read back from a file). */
    public void addAll(List<Point> earlier) {
        points.addAll(earlier);
    }

    /** Whether a curve of {@code image} under {@code method} is recorded. */
    public boolean has(String method, String image) {
        return points.stream().anyMatch(p -> p.method.equals(method) && p.image.equals(image));
    }

    /** Drops the points of {@code image} under {@code method} (before recording it again). */
    public void remove(String method, String image) {
        points.removeIf(p -> p.method.equals(method) && p.image.equals(image));
    }

    /** {@code method,image,step,t,psnr}. */
    public static void write(Path csv, List<Point> points) {
        List<List<String>> rows = new ArrayList<>();
        for (Point p : points) {
            rows.add(List.of(p.method, p.image, Integer.toString(p.step), Integer.toString(p.t), Csv.number(p.psnr)));
        }
        Csv.write(csv, List.of("method", "image", "step", "t", "psnr"), rows);
    }

    public static List<Point> read(Path csv) {
        List<Point> out = new ArrayList<>();
        for (Map<String, String> r : Csv.read(csv)) {
            out.add(new Point(r.get("method"), r.get("image"), Integer.parseInt(r.get("step")),
                    Integer.parseInt(r.get("t")), Csv.parseNumber(r.get("psnr"))));
        }
        return out;
    }
}
