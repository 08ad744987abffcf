package org.dadiff4j.train;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Locale;
import org.dadiff4j.DadiffException;

/** The settings that decide a kernel-estimator run's numbers; a checkpoint keeps them. */
record KernelSettings(int kernelSize, int width, int scale, int crop, KernelTrainer.Loss loss, OptimizerSettings opt) {

    KernelSettings {
        if (kernelSize < 1 || kernelSize % 2 != 1 || width < 1 || scale < 1 || crop < scale || crop % scale != 0) {
            throw new IllegalArgumentException("bad training settings: kernel size " + kernelSize + " (odd), width "
                    + width + ", scale " + scale + ", crop " + crop + " (a multiple of the scale)");
        }
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("kernelSize", kernelSize);
        o.addProperty("width", width);
        o.addProperty("scale", scale);
        o.addProperty("crop", crop);
        o.addProperty("loss", loss.name());
        opt.addTo(o);
        return o;
    }

    static KernelSettings fromJson(JsonObject o, Path source) {
        try {
            return new KernelSettings(o.get("kernelSize").getAsInt(), o.get("width").getAsInt(),
                    o.get("scale").getAsInt(), o.get("crop").getAsInt(),
                    KernelTrainer.Loss.valueOf(o.get("loss").getAsString().toUpperCase(Locale.ROOT)),
                    OptimizerSettings.fromJson(o));
        } catch (RuntimeException e) {
            throw DadiffException.of(source, "bad run settings in the checkpoint: " + e.getMessage(), e);
        }
    }
}
