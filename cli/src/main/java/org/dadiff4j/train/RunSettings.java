package org.dadiff4j.train;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.dadiff4j.models.compact.CompactConfig;

/**
 * The settings that decide a degradation-model run's numbers; a checkpoint keeps them.
 * {@code readWeight} weighs the loss on E's reading of the degradation ({@link DegradationReading});
 * checkpoints written before it existed trained without it, so they resume with 0. {@code detail} is
 * {@link org.dadiff4j.data.TrainingLoader.Builder#optDetail}'s reference (0: every crop kept), written
 * only when set, so that older runs' checkpoints keep their metadata.
 */
record RunSettings(CompactConfig config, int crop, OptimizerSettings opt, double readWeight, double detail) {

    RunSettings {
        if (crop < 1 || crop % config.scale() != 0) {
            throw new IllegalArgumentException("bad training settings: crop " + crop + " (a multiple of the scale "
                    + config.scale() + ")");
        }
        if (!(readWeight >= 0) || Double.isInfinite(readWeight)) {
            throw new IllegalArgumentException("bad training settings: read weight " + readWeight + " (0 or more)");
        }
        if (!(detail >= 0) || Double.isInfinite(detail)) {
            throw new IllegalArgumentException("bad training settings: detail " + detail + " (0 or more)");
        }
        if (readWeight > 0 && config.reprChannels() < DegradationReading.SIZE) {
            throw new IllegalArgumentException("bad training settings: E's reading needs at least "
                    + DegradationReading.SIZE + " representation channels, the config has " + config.reprChannels());
        }
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.add("config", config.toJson());
        o.addProperty("crop", crop);
        o.addProperty("readWeight", readWeight);
        if (detail > 0) {
            o.addProperty("detail", detail);
        }
        opt.addTo(o);
        return o;
    }

    static RunSettings fromJson(JsonObject o, Path source) {
        return new RunSettings(CompactConfig.fromJson(o.getAsJsonObject("config"), source.toString()),
                o.get("crop").getAsInt(), OptimizerSettings.fromJson(o),
                o.has("readWeight") ? o.get("readWeight").getAsDouble() : 0,
                o.has("detail") ? o.get("detail").getAsDouble() : 0);
    }
}
