import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.load.Priors;
import org.dadiff4j.sampling.NoiseSchedule;

/**
 * Can the prior add fidelity to a restoration? For restored images r and their HR originals, the
 * mean PSNR of E[x0 | x_t] at small t, with x_t = sqrt(ab)·r (Tweedie's estimate, no noise) and
 * with x_t = sqrt(ab)·r + sqrt(1-ab)·ε averaged over DRAWS noises (the posterior mean the sampler
 * draws around). docs/results.md, session 18. Run from the project root:
 *
 *   java -Dai.djl.offline=true -cp target/dadiff4j.jar scripts/PosteriorMean.java RESTORED HR [DRAWS]
 */
public class PosteriorMean {

    private static final int[] STEPS = {0, 5, 10, 20, 40, 80};

    public static void main(String[] args) throws Exception {
        Path restored = Path.of(args[0]);
        Path hrDir = Path.of(args[1]);
        int draws = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        NoiseSchedule schedule = NoiseSchedule.linear();
        double[][] sum = new double[STEPS.length][2];
        List<Path> files;
        try (var s = Files.list(hrDir)) {
            files = s.sorted().toList();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            DiffusionPrior prior = Priors.load(Path.of("models/prior.safetensors"), null, m);
            for (Path f : files) {
                int[] wh = new int[2];
                float[] hr = read(f, wh);
                float[] r = read(restored.resolve(f.getFileName()), wh);
                for (int k = 0; k < STEPS.length; k++) {
                    int t = STEPS[k];
                    if (t == 0) {
                        sum[k][0] += psnr(r, hr);
                        sum[k][1] += psnr(r, hr);
                        continue;
                    }
                    try (NDManager sm = m.newSubManager()) {
                        NDArray x = sm.create(r, new Shape(1, 3, wh[1], wh[0])).mul(2).sub(1);
                        float ab = schedule.alphaBar(t);
                        float sa = (float) Math.sqrt(ab);
                        float sn = (float) Math.sqrt(1 - ab);
                        NDArray tt = sm.create(new float[] {t});
                        NDArray xt = x.mul(sa);
                        sum[k][0] += psnr(toUnit(xt.sub(prior.epsilon(xt, tt).mul(sn)).div(sa)), hr);
                        NDArray acc = sm.zeros(x.getShape());
                        Random rng = new Random(t);
                        for (int j = 0; j < draws; j++) {
                            float[] e = new float[r.length];
                            for (int i = 0; i < e.length; i++) {
                                e[i] = (float) rng.nextGaussian();
                            }
                            NDArray noisy = xt.add(sm.create(e, x.getShape()).mul(sn));
                            acc.addi(noisy.sub(prior.epsilon(noisy, tt).mul(sn)).div(sa));
                        }
                        sum[k][1] += psnr(toUnit(acc.div(draws)), hr);
                    }
                }
            }
        }
        System.out.printf("%-4s %-10s %s%n", "t", "Tweedie", "mean of " + draws + " noised");
        for (int k = 0; k < STEPS.length; k++) {
            System.out.printf("%-4d %-10.3f %.3f%n", STEPS[k], sum[k][0] / files.size(), sum[k][1] / files.size());
        }
    }

    private static float[] toUnit(NDArray x) {
        return x.add(1).div(2).toFloatArray();
    }

    /** Planar RGB in [0, 1]. */
    private static float[] read(Path p, int[] wh) throws Exception {
        BufferedImage im = ImageIO.read(p.toFile());
        int w = im.getWidth();
        int h = im.getHeight();
        wh[0] = w;
        wh[1] = h;
        float[] v = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = im.getRGB(x, y);
                v[y * w + x] = ((rgb >> 16) & 255) / 255f;
                v[w * h + y * w + x] = ((rgb >> 8) & 255) / 255f;
                v[2 * w * h + y * w + x] = (rgb & 255) / 255f;
            }
        }
        return v;
    }

    /** PSNR over RGB of the 8-bit rounding of {@code a} against {@code b}. */
    private static double psnr(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double q = Math.round(Math.min(1, Math.max(0, a[i])) * 255) / 255.0;
            double d = q - b[i];
            s += d * d;
        }
        return 10 * Math.log10(a.length / s);
    }
}
