package org.dadiff4j.pipeline;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether an existing output may be kept when a batch resumes: only where its sidecar records the
 * same settings, seed and model weights (SHA-256) as this run. Anything else is made again, with
 * the reason, so that a rerun with another method into the same folder never keeps old results.
 */
public final class Resume {

    private Resume() {}

    /**
     * @param settings this run's settings, as the sidecar writes them
     * @param hashes SHA-256 of this run's model files
     * @return null where the output may be kept, else why it is made again
     */
    static String staleReason(Path sidecar, JsonObject settings, long seed, Collection<String> hashes) {
        if (!Files.isRegularFile(sidecar)) {
            return staleReason(null, sidecar.getFileName().toString(), settings, seed, hashes);
        }
        try {
            return staleReason(Files.readString(sidecar, StandardCharsets.UTF_8), sidecar.getFileName().toString(),
                    settings, seed, hashes);
        } catch (IOException e) {
            return "its sidecar cannot be read";
        }
    }

    /**
     * The same decision from a sidecar's text, for outputs that are not on a local file system.
     *
     * @param sidecarText the sidecar's content, or null where there is none
     * @param sidecarName its file name, for the reason
     * @param settings this run's settings, as {@link Sidecar#settingsJson} gives them
     * @param hashes SHA-256 of this run's model files
     * @return null where the output may be kept, else why it is made again
     */
    public static String staleReason(String sidecarText, String sidecarName, JsonObject settings, long seed,
            Collection<String> hashes) {
        if (sidecarText == null) {
            return "it has no sidecar " + sidecarName + " to tell how it was made";
        }
        JsonObject j;
        try {
            j = JsonParser.parseString(sidecarText).getAsJsonObject();
        } catch (RuntimeException e) {
            return "its sidecar cannot be read";
        }
        JsonElement was = j.get("settings");
        if (!settings.equals(was)) {
            return "it was made with other settings (" + differences(was, settings) + ")";
        }
        if (!j.has("seed") || !j.get("seed").isJsonPrimitive() || j.get("seed").getAsLong() != seed) {
            return "it was made with seed " + j.get("seed") + ", not " + seed;
        }
        if (!new TreeSet<>(hashes).equals(hashesOf(j.get("models")))) {
            return "it was made with other model weights";
        }
        return null;
    }

    private static Set<String> hashesOf(JsonElement models) {
        Set<String> out = new TreeSet<>();
        if (models != null && models.isJsonArray()) {
            for (JsonElement m : (JsonArray) models) {
                if (m.isJsonObject() && m.getAsJsonObject().has("sha256")) {
                    out.add(m.getAsJsonObject().get("sha256").getAsString());
                }
            }
        }
        return out;
    }

    /** "method restore -> dadiff, steps 50 -> 100". */
    private static String differences(JsonElement was, JsonObject now) {
        JsonObject old = was != null && was.isJsonObject() ? was.getAsJsonObject() : new JsonObject();
        List<String> d = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(now.keySet()); // the sidecar's order: method first
        keys.addAll(old.keySet());
        for (String k : keys) {
            JsonElement a = old.get(k);
            JsonElement b = now.get(k);
            if (a == null ? b != null : !a.equals(b)) {
                d.add(k + " " + (a == null ? "unset" : a.toString()) + " -> " + (b == null ? "unset" : b.toString()));
            }
        }
        return String.join(", ", d).replace("\"", "");
    }
}
