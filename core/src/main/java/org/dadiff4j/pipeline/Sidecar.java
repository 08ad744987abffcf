package org.dadiff4j.pipeline;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.dadiff4j.image.Picture;

/**
 * The JSON sidecar written beside every output of a batch: input, sizes, seed, settings, model files
 * with their SHA-256, timings, and the input-consistency PSNR. {@link Resume} reads it back to decide
 * whether an output may be kept. Every front end writes it through this class, so that their
 * outputs resume each other.
 */
public final class Sidecar {

    private Sidecar() {}

    /**
     * The sidecar's text, UTF-8.
     *
     * @param input the input as the user named it (a path or a URI)
     * @param output the output's file name
     * @param settings {@link #settingsJson} of the run's settings
     * @param models model file to SHA-256, in the order loaded
     * @param seconds read, upscale and write time
     * @param psnr {@link Consistency#psnr} of the output against the input
     */
    public static byte[] json(String input, String output, Picture lr, Picture hr, long seed, JsonObject settings,
            Map<String, String> models, double[] seconds, double psnr) {
        JsonObject j = new JsonObject();
        j.addProperty("input", input);
        j.addProperty("output", output);
        j.addProperty("input_size", lr.width() + "x" + lr.height());
        j.addProperty("output_size", hr.width() + "x" + hr.height());
        j.addProperty("seed", seed);
        j.add("settings", settings);
        JsonArray ms = new JsonArray();
        models.forEach((path, hash) -> {
            JsonObject m = new JsonObject();
            m.addProperty("file", path);
            m.addProperty("sha256", hash);
            ms.add(m);
        });
        j.add("models", ms);
        JsonObject t = new JsonObject();
        t.addProperty("read_s", seconds[0]);
        t.addProperty("upscale_s", seconds[1]);
        t.addProperty("write_s", seconds[2]);
        j.add("timings", t);
        // JSON has no NaN: an undefined value is null, never a bare NaN that no parser reads
        j.addProperty("input_consistency_psnr_db", Double.isInfinite(psnr) ? Double.valueOf(999.0)
                : Double.isNaN(psnr) ? null : Double.valueOf(psnr));
        j.addProperty("version", String.valueOf(Sidecar.class.getPackage().getImplementationVersion()));
        return new GsonBuilder().setPrettyPrinting().create().toJson(j).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Settings (for example {@code Settings.describe()}) as a sidecar holds them: through JSON text,
     * so that they compare equal to the ones read back from a sidecar.
     */
    public static JsonObject settingsJson(Map<String, Object> settings) {
        JsonObject opts = new JsonObject();
        Gson gson = new Gson();
        settings.forEach((k, v) -> opts.add(k, gson.toJsonTree(v)));
        return JsonParser.parseString(opts.toString()).getAsJsonObject();
    }
}
