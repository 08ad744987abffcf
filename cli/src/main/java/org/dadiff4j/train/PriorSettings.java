package org.dadiff4j.train;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.dadiff4j.models.adm.AdmConfig;
import org.dadiff4j.models.load.PriorConfigs;

/**
 * The settings that decide a prior training run's numbers (the crop size is the config's
 * image_size); a checkpoint keeps them so that a resumed run continues the same run. {@code tiling}
 * is not trained on: it is the "tile"/"tile_overlap" pair the shipped config carries for sampling
 * (empty when the run was given none, as in checkpoints written before it existed).
 */
record PriorSettings(AdmConfig config, double prescale, TimestepFocus focus, OptimizerSettings opt, JsonObject tiling) {

    PriorSettings {
        int multiple = 1 << (config.resolvedChannelMult().length - 1);
        if (config.imageSize() < 1 || config.imageSize() % multiple != 0 || !(prescale > 0 && prescale <= 1)) {
            throw new IllegalArgumentException("bad training settings: crop " + config.imageSize() + " (a multiple of "
                    + multiple + "), prescale " + prescale + " (in (0, 1])");
        }
        if (config.learnSigma() || config.dropout() != 0) {
            throw new IllegalArgumentException("the prior trainer fits epsilon with a fixed variance and no dropout: "
                    + "set learn_sigma false and dropout 0");
        }
    }

    int crop() {
        return config.imageSize();
    }

    /** The config the shipped model carries: the create_model flags and the sampling tiles. */
    JsonObject shippedConfig() {
        JsonObject o = config.toJson();
        tiling.entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
        return o;
    }

    /** The "tile" and "tile_overlap" keys of a prior config, if it has them. */
    static JsonObject tilingOf(JsonObject priorConfig) {
        JsonObject t = new JsonObject();
        for (String key : new String[] {PriorConfigs.TILE, PriorConfigs.TILE_OVERLAP}) {
            if (priorConfig.has(key)) {
                t.add(key, priorConfig.get(key));
            }
        }
        return t;
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.add("config", config.toJson());
        if (tiling.size() > 0) {
            o.add("tiling", tiling); // only when given, so that checkpoints without tiles keep the old format
        }
        o.addProperty("prescale", prescale);
        focus.addTo(o);
        opt.addTo(o);
        return o;
    }

    static PriorSettings fromJson(JsonObject o, Path source) {
        return new PriorSettings(AdmConfig.parse(o.getAsJsonObject("config"), source), o.get("prescale").getAsDouble(),
                TimestepFocus.fromJson(o), OptimizerSettings.fromJson(o),
                o.has("tiling") ? o.getAsJsonObject("tiling") : new JsonObject());
    }
}
