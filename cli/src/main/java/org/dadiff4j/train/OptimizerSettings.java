package org.dadiff4j.train;

import com.google.gson.JsonObject;

/**
 * The optimisation numbers every training run shares; a checkpoint keeps them (as flat keys of
 * the run's settings) so that a resumed run continues the same run.
 */
record OptimizerSettings(int batch, double lr, long warmup, long seed, double emaDecay, double clipNorm) {

    OptimizerSettings {
        if (batch < 1 || !(lr > 0) || warmup < 0 || !(emaDecay >= 0 && emaDecay < 1) || !(clipNorm > 0)) {
            throw new IllegalArgumentException("bad training settings: batch " + batch + ", lr " + lr + ", warmup "
                    + warmup + ", EMA decay " + emaDecay + ", clip norm " + clipNorm);
        }
    }

    /** Writes the numbers into {@code o} beside the run's own keys. */
    void addTo(JsonObject o) {
        o.addProperty("batch", batch);
        o.addProperty("lr", lr);
        o.addProperty("warmup", warmup);
        o.addProperty("seed", seed);
        o.addProperty("emaDecay", emaDecay);
        o.addProperty("clipNorm", clipNorm);
    }

    static OptimizerSettings fromJson(JsonObject o) {
        return new OptimizerSettings(o.get("batch").getAsInt(), o.get("lr").getAsDouble(), o.get("warmup").getAsLong(),
                o.get("seed").getAsLong(), o.get("emaDecay").getAsDouble(), o.get("clipNorm").getAsDouble());
    }
}
