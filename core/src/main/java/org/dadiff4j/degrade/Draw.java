package org.dadiff4j.degrade;

import java.util.random.RandomGenerator;

/** The few random draws the pipeline makes, all from one generator so that a seed fixes a sample. */
final class Draw {

    private Draw() {}

    static double uniform(RandomGenerator rng, double[] range) {
        return uniform(rng, range[0], range[1]);
    }

    static double uniform(RandomGenerator rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** An index drawn with the given (unnormalised) weights. */
    static int weighted(RandomGenerator rng, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double u = rng.nextDouble() * sum;
        for (int i = 0; i < weights.length - 1; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** An odd size in {@code [sizes[0], sizes[1]]}, each equally likely (Real-ESRGAN: 7, 9, ..., 21). */
    static int oddSize(RandomGenerator rng, int[] sizes) {
        return sizes[0] + 2 * rng.nextInt((sizes[1] - sizes[0]) / 2 + 1);
    }

    static <T> T pick(RandomGenerator rng, T[] items) {
        return items[rng.nextInt(items.length)];
    }

    static boolean chance(RandomGenerator rng, double p) {
        return rng.nextDouble() < p;
    }
}
