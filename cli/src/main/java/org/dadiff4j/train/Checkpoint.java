package org.dadiff4j.train;

import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.weights.Safetensors;
import org.dadiff4j.weights.StateDict;

/**
 * Everything a run needs to continue as if never stopped, in one safetensors file: the trained
 * weights ("model."), the EMA weights ("ema."), Adam's moments ("adam."), and in the metadata the
 * kind of training, the step, the trainer's run settings and the index of the next training
 * sample (the data is a pure function of seed and sample index, so that index is the data's whole
 * random state).
 */
record Checkpoint(String kind, long step, long nextPair, JsonObject settings, StateDict tensors) {

    private static final String KEY = "dadiff.checkpoint";

    void write(Path file) {
        JsonObject meta = new JsonObject();
        meta.addProperty("kind", kind);
        meta.addProperty("step", step);
        meta.addProperty("nextPair", nextPair);
        meta.add("settings", settings);
        Safetensors.write(file, tensors, Map.of(KEY, meta.toString()), DataType.FLOAT32);
    }

    /** Reads a checkpoint that must be of {@code kind}; its settings are left for the trainer to parse. */
    static Checkpoint read(Path file, String kind) {
        String json = Safetensors.metadata(file).get(KEY);
        if (json == null) {
            throw DadiffException.of(file, "not a training checkpoint (" + kind + ")");
        }
        try {
            JsonObject meta = JsonParser.parseString(json).getAsJsonObject();
            if (!kind.equals(meta.get("kind").getAsString())) {
                throw DadiffException.of(file, "a checkpoint of " + meta.get("kind").getAsString() + ", not " + kind);
            }
            return new Checkpoint(kind, meta.get("step").getAsLong(), meta.get("nextPair").getAsLong(),
                    meta.getAsJsonObject("settings"), Safetensors.read(file));
        } catch (RuntimeException e) {
            if (e instanceof DadiffException) {
                throw e;
            }
            throw DadiffException.of(file, "corrupt checkpoint metadata: " + e.getMessage(), e);
        }
    }
}
