package org.dadiff4j.train;

import java.util.List;
import java.util.Map;
import org.dadiff4j.degrade.Degraded;
import org.dadiff4j.degrade.Kernel;

/**
 * What E should read from an LQ image, as numbers of order one: the width of the first-stage blur,
 * the strength of all noise and the strength of JPEG compression, each from the record of what the
 * synthesis pipeline did to that pair. The trainer asks E's first {@link #SIZE} channels (pooled)
 * for these values, so that E encodes the degradation; trained on Eq. 9 alone, E's output stayed at
 * about 1e-3 whatever the input, and Gr could not tell a clean input from a noisy one.
 */
final class DegradationReading {

    static final int SIZE = 3;

    /** Blur sigma (HR pixels), noise sigma (8-bit levels) and 100 - JPEG quality that read as 1. */
    private static final double BLUR_UNIT = 3;
    private static final double NOISE_UNIT = 25;
    private static final double JPEG_UNIT = 70;
    /** Shot noise of scale s on mid-grey 8-bit values has a standard deviation of about 10 s levels. */
    private static final double POISSON_LEVELS = 10;

    private DegradationReading() {}

    /** {blur, noise, jpeg} of one degraded pair. */
    static float[] of(Degraded d) {
        double noiseVar = 0;
        double jpeg = 0;
        for (Map<String, Object> step : d.params.steps) {
            Object op = step.get("op");
            if ("noise".equals(op)) {
                double sigma = "poisson".equals(step.get("type"))
                        ? POISSON_LEVELS * number(step, "scale") : number(step, "sigma");
                noiseVar += sigma * sigma;
            } else if ("jpeg".equals(op)) {
                jpeg = Math.max(jpeg, 100 - number(step, "quality"));
            }
        }
        return new float[] {(float) (spread(d.kernel) / BLUR_UNIT), (float) (Math.sqrt(noiseVar) / NOISE_UNIT),
            (float) (jpeg / JPEG_UNIT)};
    }

    /** The readings of a batch, row by row. */
    static float[] of(List<Degraded> batch) {
        float[] out = new float[batch.size() * SIZE];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(of(batch.get(i)), 0, out, i * SIZE, SIZE);
        }
        return out;
    }

    /** The kernel's standard deviation along one axis, averaged over both: 0 for the identity. */
    static double spread(Kernel k) {
        double sum = 0;
        double cy = 0;
        double cx = 0;
        int c = k.size / 2;
        for (int y = 0; y < k.size; y++) {
            for (int x = 0; x < k.size; x++) {
                double w = k.at(y, x);
                sum += w;
                cy += w * (y - c);
                cx += w * (x - c);
            }
        }
        cy /= sum;
        cx /= sum;
        double m2 = 0;
        for (int y = 0; y < k.size; y++) {
            for (int x = 0; x < k.size; x++) {
                double dy = y - c - cy;
                double dx = x - c - cx;
                m2 += k.at(y, x) * (dy * dy + dx * dx);
            }
        }
        return Math.sqrt(Math.max(0, m2 / sum / 2));
    }

    private static double number(Map<String, Object> step, String key) {
        return ((Number) step.get(key)).doubleValue();
    }
}
