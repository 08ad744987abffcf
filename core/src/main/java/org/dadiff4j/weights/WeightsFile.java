package org.dadiff4j.weights;

import ai.djl.ndarray.types.DataType;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dadiff4j.AtomicFile;
import org.dadiff4j.Problems;
import org.dadiff4j.DadiffException;

/**
 * Our own model files: {@code name.safetensors} with the weights and {@code name.json} beside it
 * with the configuration needed to rebuild the network. Also reads any supported weight file.
 */
public final class WeightsFile {

    private final StateDict stateDict;
    private final JsonObject config;

    private WeightsFile(StateDict stateDict, JsonObject config) {
        this.stateDict = stateDict;
        this.config = config;
    }

    public StateDict stateDict() {
        return stateDict;
    }

    public JsonObject config() {
        return config.deepCopy();
    }

    /** {@code base} with ".safetensors" (a trailing ".safetensors" or ".json" on base is ignored). */
    public static Path weightsPath(Path base) {
        return base.resolveSibling(stem(base) + ".safetensors");
    }

    /** {@code base} with ".json". */
    public static Path configPath(Path base) {
        return base.resolveSibling(stem(base) + ".json");
    }

    private static String stem(Path base) {
        String name = base.getFileName().toString();
        for (String ext : new String[] {".safetensors", ".json"}) {
            if (name.endsWith(ext)) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    /** Saves the pair with float32 weights. */
    public static void save(Path base, StateDict sd, JsonObject config) {
        save(base, sd, config, DataType.FLOAT32);
    }

    /** Saves the pair; weights first, so a config always has its weights. */
    public static void save(Path base, StateDict sd, JsonObject config, DataType floatType) {
        Path dir = weightsPath(base).toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw DadiffException.of(dir, "cannot create the model folder: " + Problems.describe(e), e);
        }
        Safetensors.write(weightsPath(base), sd, Map.of("format", "pt"), floatType);
        byte[] json = new GsonBuilder().setPrettyPrinting().create().toJson(config)
                .getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(configPath(base), out -> out.write(json));
    }

    /** Loads the pair written by {@link #save}. */
    public static WeightsFile load(Path base) {
        Path json = configPath(base);
        if (!Files.exists(json)) {
            throw DadiffException.of(json, "no such file (the model config belongs beside "
                    + weightsPath(base).getFileName() + ")");
        }
        JsonObject config = org.dadiff4j.JsonFiles.readObject(json, "model config");
        return new WeightsFile(trainingWeights(Safetensors.read(weightsPath(base))), config);
    }

    /**
     * The EMA weights of a training checkpoint of {@code dadiff train} (keys under model., ema. and
     * adam.), which is what its final model file holds; any other state dict as it is.
     */
    static StateDict trainingWeights(StateDict sd) {
        boolean checkpoint = !sd.keys().isEmpty() && sd.keys().stream().allMatch(
                k -> k.startsWith("model.") || k.startsWith("ema.") || k.startsWith("adam."));
        return checkpoint && sd.keys().stream().anyMatch(k -> k.startsWith("ema.")) ? sd.sub("ema.") : sd;
    }

    /**
     * A state dict from a safetensors file or a PyTorch checkpoint (zip or legacy), told apart by
     * content, not by name: safetensors starts with an 8-byte header length and then '{'.
     */
    public static StateDict read(Path file) {
        org.dadiff4j.InputFile.require(file, "model file");
        try {
            return isSafetensors(file) ? Safetensors.read(file) : PytorchCheckpoint.read(file);
        } catch (OutOfMemoryError e) {
            throw DadiffException.of(file, "not enough memory to load this model file; raise -Xmx in DADIFF_JAVA_OPTS", e);
        }
    }

    static boolean isSafetensors(Path file) {
        byte[] head = new byte[9];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 9) < 9) {
                return false;
            }
        } catch (IOException e) {
            return false; // the checkpoint reader reports the problem with the file's name
        }
        long len = java.nio.ByteBuffer.wrap(head, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        return head[8] == '{' && len > 1 && len < (1L << 31);
    }
}
