package org.dadiff4j.train;

/** Learning rate: linear warmup from 0, then a cosine decay to {@code minRatio} of the base rate. */
record Schedule(double base, long warmup, long total, double minRatio) {

    /** The rate used for step {@code step} (1-based). */
    double at(long step) {
        if (step <= warmup) {
            return base * step / Math.max(1, warmup);
        }
        double progress = Math.min(1.0, (double) (step - warmup) / Math.max(1, total - warmup));
        return base * (minRatio + (1 - minRatio) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
