package org.dadiff4j.degrade;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Draws one blur kernel as Real-ESRGAN's dataset does: an odd size, then with {@code sincProb} a
 * circular lowpass kernel, otherwise BasicSR's {@code random_mixed_kernels}.
 */
final class KernelSampler {

    /** A drawn kernel and the parameters that made it. */
    static final class Drawn {
        final Kernel kernel;
        final Map<String, Object> params;

        Drawn(Kernel kernel, Map<String, Object> params) {
            this.kernel = kernel;
            this.params = params;
        }
    }

    private KernelSampler() {}

    static Drawn draw(Recipe.Blur b, RandomGenerator rng) {
        int size = Draw.oddSize(rng, b.kernelSizes);
        Map<String, Object> p = new LinkedHashMap<>();
        if (Draw.chance(rng, b.sincProb)) {
            double omega = Draw.uniform(rng, size < b.sincLargeFrom ? b.sincOmegaSmall : b.sincOmegaLarge);
            p.put("kernel", "sinc");
            p.put("size", size);
            p.put("omega", omega);
            return new Drawn(Kernels.circularLowpass(size, omega), p);
        }
        String type = b.kernels[Draw.weighted(rng, b.kernelProbs)];
        boolean iso = type.endsWith("iso") && !type.endsWith("aniso");
        double sx = Draw.uniform(rng, b.sigma);
        double sy = iso ? sx : Draw.uniform(rng, b.sigma);
        double theta = iso ? 0 : Draw.uniform(rng, b.rotation);
        p.put("kernel", type);
        p.put("size", size);
        p.put("sigmaX", sx);
        p.put("sigmaY", sy);
        p.put("theta", theta);
        Kernel k;
        if (type.startsWith("generalized")) {
            double beta = beta(rng, b.betaG);
            p.put("beta", beta);
            k = Kernels.generalizedGaussian(size, sx, sy, theta, beta);
        } else if (type.startsWith("plateau")) {
            double beta = beta(rng, b.betaP);
            p.put("beta", beta);
            k = Kernels.plateau(size, sx, sy, theta, beta);
        } else {
            k = Kernels.gaussian(size, sx, sy, theta);
        }
        return new Drawn(k, p);
    }

    /** BasicSR: half the time below 1, half above (a range starting at 1 gives beta = 1 half the time). */
    private static double beta(RandomGenerator rng, double[] range) {
        return Draw.chance(rng, 0.5)
                ? Draw.uniform(rng, range[0], Math.min(1, range[1]))
                : Draw.uniform(rng, Math.max(1, range[0]), range[1]);
    }
}
