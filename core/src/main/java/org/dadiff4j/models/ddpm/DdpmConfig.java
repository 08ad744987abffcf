package org.dadiff4j.models.ddpm;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.dadiff4j.DadiffException;

/**
 * The {@code model} section of an SDEdit/DDIM config (plus {@code data.image_size}), with the
 * official YAML's names in JSON: ch, out_ch, ch_mult, num_res_blocks, attn_resolutions, dropout,
 * in_channels, resamp_with_conv.
 */
public record DdpmConfig(
        int imageSize,
        int inChannels,
        int outCh,
        int ch,
        List<Integer> chMult,
        int numResBlocks,
        List<Integer> attnResolutions,
        double dropout,
        boolean resampWithConv) {

    public DdpmConfig {
        chMult = List.copyOf(chMult);
        attnResolutions = List.copyOf(attnResolutions);
    }

    /** SDEdit's CelebA-HQ model ({@code celeba_hq.ckpt}, configs/celeba_hq.yml). */
    public static DdpmConfig celebaHq() {
        return new DdpmConfig(256, 3, 3, 128, List.of(1, 1, 2, 2, 4, 4), 2, List.of(16), 0.0, true);
    }

    /**
     * Reads {@code {"data": {"image_size": ..}, "model": {..}}}, also when wrapped in a
     * {@code "config"} object (the layout of the reference files).
     */
    public static DdpmConfig fromJson(Path file) {
        JsonObject root = org.dadiff4j.JsonFiles.readObject(file, "DDPM config");
        try {
            return parse(root.has("config") ? root.getAsJsonObject("config") : root, file);
        } catch (RuntimeException e) {
            if (e instanceof DadiffException) {
                throw e;
            }
            throw DadiffException.of(file, "not a valid DDPM config: " + org.dadiff4j.JsonFiles.describeValueError(e), e);
        }
    }

    /** The config in {@code o}; {@code source} names the file in error messages. */
    public static DdpmConfig parse(JsonObject o, Path source) {
        if (!o.has("model") || !o.has("data") || !o.getAsJsonObject("data").has("image_size")) {
            throw DadiffException.of(source, "DDPM config needs \"model\" and \"data.image_size\"");
        }
        JsonObject m = o.getAsJsonObject("model");
        for (String key : new String[] {"ch", "ch_mult", "num_res_blocks", "attn_resolutions"}) {
            if (!m.has(key)) {
                throw DadiffException.of(source, "DDPM config lacks \"model." + key + "\"");
            }
        }
        DdpmConfig c = new DdpmConfig(o.getAsJsonObject("data").get("image_size").getAsInt(),
                m.has("in_channels") ? m.get("in_channels").getAsInt() : 3,
                m.has("out_ch") ? m.get("out_ch").getAsInt() : 3,
                m.get("ch").getAsInt(), ints(m.getAsJsonArray("ch_mult")),
                m.get("num_res_blocks").getAsInt(), ints(m.getAsJsonArray("attn_resolutions")),
                m.has("dropout") ? m.get("dropout").getAsDouble() : 0.0,
                !m.has("resamp_with_conv") || m.get("resamp_with_conv").getAsBoolean());
        if (c.ch % 32 != 0 || c.chMult.isEmpty()) {
            throw DadiffException.of(source, "DDPM config: ch must be a multiple of 32 and ch_mult non-empty");
        }
        // sizes from a file are bounded before a network is built from them
        if (c.imageSize < 8 || c.imageSize > 4096 || c.ch < 32 || c.ch > 4096 || c.chMult.size() > 12
                || c.chMult.stream().anyMatch(v -> v < 1 || v > 64) || c.numResBlocks < 0 || c.numResBlocks > 32
                || c.inChannels < 1 || c.inChannels > 64 || c.outCh < 1 || c.outCh > 64) {
            throw DadiffException.of(source, "DDPM config out of range (image_size 8-4096, ch 32-4096, at most 12"
                    + " ch_mult entries of 1-64, num_res_blocks 0-32, 1-64 channels in and out)");
        }
        return c;
    }

    private static List<Integer> ints(JsonArray a) {
        Integer[] out = new Integer[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return List.of(out);
    }
}
