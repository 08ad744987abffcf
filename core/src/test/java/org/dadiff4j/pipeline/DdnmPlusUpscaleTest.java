package org.dadiff4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dadiff4j.image.Picture;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.sampling.NoiseSchedule;
import org.dadiff4j.sampling.NoiseSource;
import org.dadiff4j.sampling.StepInfo;
import org.dadiff4j.sampling.TorchNoise;
import org.junit.jupiter.api.Test;

/**
 * {@code --method ddnm --sigma-y 0.05 --eta 0.5} as the command builds it (Upscalers), step by step
 * against DDNM's simplified_ddnm_plus recomputed here in doubles from the same x_t and noise:
 *
 * <pre>
 * sigma_t = sqrt(1 - an^2), s_y = 2 sigma_y;  lambda = 1, gamma = sqrt(sigma_t^2 - (an s_y)^2)
 * if sigma_t >= an s_y, else lambda = sigma_t / (an s_y), gamma = 0
 * x0_hat = x0 - lambda A+(A x0 - y);  c1 = sqrt(1 - an) eta,  c2 = sqrt(1 - an) sqrt(1 - eta^2)
 * x_next = sqrt(an) x0_hat + gamma (c1 z + c2 eps)
 * </pre>
 *
 * The prior is the exact denoiser of a known image, so no network is needed and x0 is that image.
 */
class DdnmPlusUpscaleTest {

    private static final int LR = 16;
    private static final int HR = 64;
    private static final float SIGMA_Y = 0.05f;
    private static final float ETA = 0.5f;
    private static final long SEED = 5;

    /** eps = (x - sqrt(at) ref) / sqrt(1 - at): the exact denoiser of {@code ref} (NCHW, [-1,1]). */
    private static final class ExactDenoiser implements DiffusionPrior {
        private final float[] ref;
        private final NoiseSchedule schedule = NoiseSchedule.linear();

        ExactDenoiser(float[] ref) {
            this.ref = ref;
        }

        @Override
        public NDArray epsilon(NDArray x, NDArray t) {
            float at = schedule.alphaBar((int) t.toFloatArray()[0]);
            try (NDArray r = x.getManager().create(ref, x.getShape())) {
                return x.sub(r.muli((float) Math.sqrt(at))).divi((float) Math.sqrt(1f - at));
            }
        }

        @Override
        public NDArray forwardRaw(NDArray x, NDArray t) {
            return epsilon(x, t);
        }

        @Override
        public int imageSize() {
            return HR;
        }

        @Override
        public int sizeMultiple() {
            return 8;
        }

        @Override
        public boolean learnsSigma() {
            return false;
        }

        @Override
        public TorchBlock network() {
            return null;
        }
    }

    private record Step(StepInfo s, float[] x0, float[] next) {}

    @Test
    void everyStepIsTheOfficialDdnmPlusStep() {
        SplittableRandom r = new SplittableRandom(21);
        float[] ref = new float[3 * HR * HR];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = (float) (r.nextDouble() * 1.6 - 0.8);
        }
        float[][] planes = new float[3][LR * LR];
        for (float[] p : planes) {
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (0.1 + 0.8 * r.nextDouble());
            }
        }
        UpscaleSettings s = new UpscaleSettings();
        s.method = Method.DDNM;
        s.sigmaY = SIGMA_Y;
        s.eta = ETA;
        s.steps = 10;
        s.strength = 1;
        Upscalers.Models models = new Upscalers.Models();
        models.prior = new ExactDenoiser(ref);
        List<Step> steps = new ArrayList<>();
        Upscalers.create(s.validate(), models, (info, x0, next) -> steps.add(new Step(info, x0.toFloatArray(),
                next.toFloatArray()))).upscale(Picture.of(LR, LR, planes, null, 16), SEED, ProgressListener.NONE);
        assertEquals(10, steps.size());

        // The same stream: x_T, then one z per step.
        List<float[]> draws = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            NoiseSource noise = new TorchNoise((int) SEED);
            for (int k = 0; k <= steps.size(); k++) {
                draws.add(noise.next(m, new Shape(1, 3, HR, HR)).toFloatArray());
            }
        }
        double[] y = new double[3 * LR * LR];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < LR * LR; i++) {
                y[c * LR * LR + i] = 2.0 * planes[c][i] - 1.0;
            }
        }
        float[] x = draws.get(0);
        int shrunk = 0;
        int noisy = 0;
        double epsShare = 0;
        for (int k = 0; k < steps.size(); k++) {
            Step got = steps.get(k);
            double at = got.s().at();
            double an = got.s().atNext();
            double[] eps = new double[x.length];
            double[] x0 = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                eps[i] = (x[i] - Math.sqrt(at) * ref[i]) / Math.sqrt(1 - at);
                x0[i] = (x[i] - Math.sqrt(1 - at) * eps[i]) / Math.sqrt(at);
            }
            double sigmaT = Math.sqrt(1 - an * an);
            double sy = 2.0 * SIGMA_Y;
            double lambda = sigmaT >= an * sy ? 1 : sigmaT / (an * sy);
            double gamma = sigmaT >= an * sy ? Math.sqrt(sigmaT * sigmaT - an * sy * an * sy) : 0;
            shrunk += lambda < 1 ? 1 : 0;
            noisy += gamma > 0 ? 1 : 0;
            double[] hat = x0.clone();
            for (int c = 0; c < 3; c++) {
                for (int by = 0; by < LR; by++) {
                    for (int bx = 0; bx < LR; bx++) {
                        double mean = 0;
                        for (int j = 0; j < 16; j++) {
                            mean += x0[c * HR * HR + (by * 4 + j / 4) * HR + bx * 4 + j % 4] / 16;
                        }
                        double corr = lambda * (mean - y[c * LR * LR + by * LR + bx]);
                        for (int j = 0; j < 16; j++) {
                            hat[c * HR * HR + (by * 4 + j / 4) * HR + bx * 4 + j % 4] -= corr;
                        }
                    }
                }
            }
            double c1 = Math.sqrt(1 - an) * ETA;
            double c2 = Math.sqrt(1 - an) * Math.sqrt(1 - ETA * ETA);
            float[] z = draws.get(k + 1);
            double worstX0 = 0;
            double worstNext = 0;
            double scale = 1;
            for (int i = 0; i < x.length; i++) {
                double next = Math.sqrt(an) * hat[i] + gamma * (c1 * z[i] + c2 * eps[i]);
                worstX0 = Math.max(worstX0, Math.abs(got.x0()[i] - hat[i]));
                worstNext = Math.max(worstNext, Math.abs(got.next()[i] - next));
                scale = Math.max(scale, Math.abs(next));
                epsShare = Math.max(epsShare, Math.abs(gamma * c2 * eps[i]));
            }
            String where = "step " + k + " (t = " + got.s().t() + ", lambda " + lambda + ", gamma " + gamma + ")";
            // float32 against doubles: measured at most 7.8e-6 (x0) and 3.8e-6 x max(1, |x_next|)
            assertTrue(worstX0 <= 5e-5, where + ": guided x0 off by " + worstX0);
            assertTrue(worstNext <= 2e-5 * scale, where + ": x_next off by " + worstNext);
            x = got.next();
        }
        // Both branches of Eq. 19 ran, and the eps term (zero at eta = 1) carried weight.
        assertTrue(shrunk >= 1 && noisy >= 5, "lambda < 1 at " + shrunk + " steps, gamma > 0 at " + noisy);
        assertTrue(epsShare > 0.1, "largest gamma c2 eps " + epsShare);
    }
}
