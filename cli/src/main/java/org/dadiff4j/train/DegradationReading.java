package org.dadiff4j.train;

import java.util.List;
import java.util.Map;
import org.dadiff4j.degrade.Degraded;

/**
 * What E should read from an LQ image, as numbers of order one: the blur, the noise and the JPEG
 * compression as they show at LR resolution, from the record of what the synthesis pipeline did to
 * that pair. Each step acted at the image size of its moment, and what a later downscale to the LR
 * size leaves of it shrinks with the ratio of the sizes (a blur of sigma pixels at width W is one
 * of sigma·W_lr/W pixels at LR; noise averaged over (W/W_lr)^2 pixels keeps 1/(W/W_lr) of its
 * sigma; JPEG blocks shrink alike). The trainer asks E's first {@link #SIZE} channels (pooled) for
 * these values, so that E encodes the degradation: trained on Eq. 9 alone, E's output stayed at
 * about 1e-3 whatever the input, and trained on the readings as they were drawn (at the size each
 * step acted on, mostly invisible after the downscale) it learnt only their average.
 */
final class DegradationReading {

    static final int SIZE = 3;

    /** Blur sigma (LR pixels), noise sigma (8-bit levels) and 100 - JPEG quality that read as 1. */
    private static final double BLUR_UNIT = 0.5;
    private static final double NOISE_UNIT = 10;
    private static final double JPEG_UNIT = 70;
    /** Shot noise of scale s on mid-grey 8-bit values has a standard deviation of about 10 s levels. */
    private static final double POISSON_LEVELS = 10;

    private DegradationReading() {}

    /** {blur, noise, jpeg} of one degraded pair. */
    static float[] of(Degraded d) {
        double width = d.params.hrWidth;
        double lr = d.params.lrWidth;
        double blurVar = 0;
        double noiseVar = 0;
        double jpeg = 0;
        for (Map<String, Object> step : d.params.steps) {
            double shrink = Math.min(1, lr / width);
            switch (String.valueOf(step.get("op"))) {
                case "resize" -> width = number(step, "width");
                case "blur" -> {
                    if ("sinc".equals(step.get("kernel"))) {
                        continue; // a ringing low-pass with no sigma
                    }
                    double sx = number(step, "sigmaX");
                    double sy = number(step, "sigmaY");
                    blurVar += (sx * sx + sy * sy) / 2 * shrink * shrink;
                }
                case "noise" -> {
                    double sigma = "poisson".equals(step.get("type"))
                            ? POISSON_LEVELS * number(step, "scale") : number(step, "sigma");
                    noiseVar += sigma * sigma * shrink * shrink;
                }
                case "jpeg" -> jpeg = Math.max(jpeg, (100 - number(step, "quality")) * shrink);
                default -> { } // sinc: as the sinc kernel above
            }
        }
        return new float[] {(float) (Math.sqrt(blurVar) / BLUR_UNIT), (float) (Math.sqrt(noiseVar) / NOISE_UNIT),
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

    private static double number(Map<String, Object> step, String key) {
        Object v = step.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("degradation record: " + step.get("op") + " has no number " + key);
        }
        return n.doubleValue();
    }
}
