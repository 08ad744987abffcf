package org.dadiff4j.train;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.dadiff4j.models.compact.CompactConfig;

/** The settings that decide a run's numbers; a checkpoint keeps them so that a resumed run continues the same run. */
record RunSettings(CompactConfig config, int crop, int batch, double lr, long warmup, long seed, double emaDecay,
        double clipNorm) {

    RunSettings {
        if (crop < 1 || crop % config.scale() != 0 || batch < 1 || !(lr > 0) || warmup < 0 || !(emaDecay >= 0
                && emaDecay < 1) || !(clipNorm > 0)) {
            throw new IllegalArgumentException("bad training settings: crop " + crop + " (a multiple of the scale "
                    + config.scale() + "), batch " + batch + ", lr " + lr + ", warmup " + warmup + ", EMA decay "
                    + emaDecay + ", clip norm " + clipNorm);
        }
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.add("config", config.toJson());
        o.addProperty("crop", crop);
        o.addProperty("batch", batch);
        o.addProperty("lr", lr);
        o.addProperty("warmup", warmup);
        o.addProperty("seed", seed);
        o.addProperty("emaDecay", emaDecay);
        o.addProperty("clipNorm", clipNorm);
        return o;
    }

    static RunSettings fromJson(JsonObject o, Path source) {
        return new RunSettings(CompactConfig.fromJson(o.getAsJsonObject("config"), source.toString()),
                o.get("crop").getAsInt(), o.get("batch").getAsInt(), o.get("lr").getAsDouble(),
                o.get("warmup").getAsLong(), o.get("seed").getAsLong(), o.get("emaDecay").getAsDouble(),
                o.get("clipNorm").getAsDouble());
    }
}
