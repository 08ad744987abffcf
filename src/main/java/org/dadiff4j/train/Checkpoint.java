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
 * step, the run settings and the index of the next training pair (the data is a pure function of
 * seed and pair index, so that index is the whole random state).
 */
record Checkpoint(long step, long nextPair, RunSettings settings, StateDict tensors) {

    private static final String KEY = "dadiff.checkpoint";
    private static final String KIND = "compact-degradation-training";

    void write(Path file) {
        JsonObject meta = new JsonObject();
        meta.addProperty("kind", KIND);
        meta.addProperty("step", step);
        meta.addProperty("nextPair", nextPair);
        meta.add("settings", settings.toJson());
        Safetensors.write(file, tensors, Map.of(KEY, meta.toString()), DataType.FLOAT32);
    }

    static Checkpoint read(Path file) {
        String json = Safetensors.metadata(file).get(KEY);
        if (json == null) {
            throw DadiffException.of(file, "not a training checkpoint of a compact degradation model");
        }
        try {
            JsonObject meta = JsonParser.parseString(json).getAsJsonObject();
            if (!KIND.equals(meta.get("kind").getAsString())) {
                throw DadiffException.of(file, "a checkpoint of another kind: " + meta.get("kind").getAsString());
            }
            return new Checkpoint(meta.get("step").getAsLong(), meta.get("nextPair").getAsLong(),
                    RunSettings.fromJson(meta.getAsJsonObject("settings"), file.toString()), Safetensors.read(file));
        } catch (RuntimeException e) {
            if (e instanceof DadiffException) {
                throw e;
            }
            throw DadiffException.of(file, "corrupt checkpoint metadata: " + e.getMessage(), e);
        }
    }
}
