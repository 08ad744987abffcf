package org.dadiff4j.train;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.dadiff4j.models.compact.CompactConfig;

/** The settings that decide a degradation-model run's numbers; a checkpoint keeps them. */
record RunSettings(CompactConfig config, int crop, OptimizerSettings opt) {

    RunSettings {
        if (crop < 1 || crop % config.scale() != 0) {
            throw new IllegalArgumentException("bad training settings: crop " + crop + " (a multiple of the scale "
                    + config.scale() + ")");
        }
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.add("config", config.toJson());
        o.addProperty("crop", crop);
        opt.addTo(o);
        return o;
    }

    static RunSettings fromJson(JsonObject o, Path source) {
        return new RunSettings(CompactConfig.fromJson(o.getAsJsonObject("config"), source.toString()),
                o.get("crop").getAsInt(), OptimizerSettings.fromJson(o));
    }
}
