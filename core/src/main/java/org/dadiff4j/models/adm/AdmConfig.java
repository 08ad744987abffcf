package org.dadiff4j.models.adm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.dadiff4j.DadiffException;

/**
 * guided-diffusion's {@code create_model} flags, under the same names in JSON. The two strings keep
 * the flag syntax: {@code channel_mult} "" (default by image size) or "1,1,2,2,4,4", and
 * {@code attention_resolutions} "32,16,8" (feature-map sizes, turned into downsample factors; ""
 * for none, which guided-diffusion cannot parse, leaving only the middle block's attention).
 */
public record AdmConfig(
        int imageSize,
        int numChannels,
        int numResBlocks,
        String channelMult,
        boolean learnSigma,
        boolean classCond,
        boolean useCheckpoint,
        String attentionResolutions,
        int numHeads,
        int numHeadChannels,
        int numHeadsUpsample,
        boolean useScaleShiftNorm,
        double dropout,
        boolean resblockUpdown,
        boolean useFp16,
        boolean useNewAttentionOrder) {

    /** The 256×256 unconditional ImageNet model ({@code 256x256_diffusion_uncond.pt}) as DADiff builds it. */
    public static AdmConfig uncond256() {
        return new AdmConfig(256, 256, 2, "", true, false, false, "32,16,8", 4, 64, -1, true, 0.0,
                true, false, false);
    }

    /**
     * Reads a JSON object of create_model flags, either at the top level or under
     * {@code create_model_kwargs}. Keys it does not know are ignored, like DADiff's **kwargs.
     */
    public static AdmConfig fromJson(Path file) {
        JsonObject root = org.dadiff4j.JsonFiles.readObject(file, "ADM config");
        try {
            return parse(root.has("create_model_kwargs") ? root.getAsJsonObject("create_model_kwargs") : root,
                    file);
        } catch (RuntimeException e) {
            if (e instanceof DadiffException) {
                throw e;
            }
            throw DadiffException.of(file, "not a valid ADM config: " + org.dadiff4j.JsonFiles.describeValueError(e), e);
        }
    }

    /** The flags in {@code o}; {@code source} names the file in error messages. */
    public static AdmConfig parse(JsonObject o, Path source) {
        for (String key : new String[] {"image_size", "num_channels", "num_res_blocks"}) {
            if (!o.has(key)) {
                throw DadiffException.of(source, "ADM config lacks \"" + key + "\"");
            }
        }
        AdmConfig c = new AdmConfig(o.get("image_size").getAsInt(), o.get("num_channels").getAsInt(),
                o.get("num_res_blocks").getAsInt(), list(o, "channel_mult", ""),
                bool(o, "learn_sigma", false), bool(o, "class_cond", false),
                bool(o, "use_checkpoint", false), list(o, "attention_resolutions", "16"),
                integer(o, "num_heads", 1), integer(o, "num_head_channels", -1),
                integer(o, "num_heads_upsample", -1), bool(o, "use_scale_shift_norm", false),
                o.has("dropout") ? o.get("dropout").getAsDouble() : 0.0,
                bool(o, "resblock_updown", false), bool(o, "use_fp16", false),
                bool(o, "use_new_attention_order", false));
        c.validate(source);
        return c;
    }

    private static boolean bool(JsonObject o, String key, boolean dflt) {
        return o.has(key) ? o.get(key).getAsBoolean() : dflt;
    }

    private static int integer(JsonObject o, String key, int dflt) {
        return o.has(key) ? o.get(key).getAsInt() : dflt;
    }

    /** A flag given as "1,2,3" or as a JSON array [1, 2, 3]. */
    private static String list(JsonObject o, String key, String dflt) {
        if (!o.has(key)) {
            return dflt;
        }
        JsonElement e = o.get(key);
        if (e.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonElement x : e.getAsJsonArray()) {
                sb.append(sb.length() == 0 ? "" : ",").append(x.getAsString());
            }
            return sb.toString();
        }
        return e.getAsString();
    }

    private void validate(Path source) {
        if (classCond) {
            throw DadiffException.of(source, "class-conditional ADM models are not supported");
        }
        // sizes from a file are bounded before a network is built from them
        if (imageSize < 8 || imageSize > 4096 || numChannels < 1 || numChannels > 4096 || numResBlocks < 0
                || numResBlocks > 32 || numHeads > 256 || numHeadChannels > 4096 || numHeadsUpsample > 256) {
            throw DadiffException.of(source, "ADM config out of range (image_size 8-4096, num_channels 1-4096,"
                    + " num_res_blocks 0-32, num_heads up to 256)");
        }
        try {
            double[] mult = resolvedChannelMult();
            if (mult.length > 12 || Arrays.stream(mult).anyMatch(m -> m <= 0 || m > 64)) {
                throw new IllegalArgumentException("channel_mult must have at most 12 entries between 1 and 64");
            }
            attentionDownsampleFactors();
        } catch (IllegalArgumentException e) {
            throw DadiffException.of(source, "bad ADM config: " + org.dadiff4j.Problems.withoutJavaNames(
                    e instanceof NumberFormatException ? "channel_mult and attention_resolutions must be integers"
                            : String.valueOf(e.getMessage())));
        }
        if (numHeadChannels == -1 && numHeads <= 0) {
            throw DadiffException.of(source, "num_heads must be positive when num_head_channels is -1");
        }
    }

    /** channel_mult as create_model resolves it (defaults by image size). */
    public double[] resolvedChannelMult() {
        if (!channelMult.isEmpty()) {
            return Arrays.stream(channelMult.split(",")).mapToDouble(s -> Integer.parseInt(s.trim())).toArray();
        }
        switch (imageSize) {
            case 512:
                return new double[] {0.5, 1, 1, 2, 2, 4, 4};
            case 256:
                return new double[] {1, 1, 2, 2, 4, 4};
            case 128:
                return new double[] {1, 1, 2, 3, 4};
            case 64:
                return new double[] {1, 2, 3, 4};
            default:
                throw new IllegalArgumentException("unsupported image_size " + imageSize
                        + " without channel_mult");
        }
    }

    /** Downsample factors ds = image_size // res at which attention runs (besides the middle block). */
    public Set<Integer> attentionDownsampleFactors() {
        Set<Integer> ds = new LinkedHashSet<>();
        if (attentionResolutions.isBlank()) {
            return ds;
        }
        for (String r : attentionResolutions.split(",")) {
            int res = Integer.parseInt(r.trim());
            if (res <= 0) {
                throw new IllegalArgumentException("attention resolution must be positive: " + res);
            }
            ds.add(imageSize / res);
        }
        return ds;
    }

    /** The same flags for another image size (attention resolutions stay in pixels, as in the flags). */
    public AdmConfig withImageSize(int size) {
        return new AdmConfig(size, numChannels, numResBlocks, channelMult, learnSigma, classCond, useCheckpoint,
                attentionResolutions, numHeads, numHeadChannels, numHeadsUpsample, useScaleShiftNorm, dropout,
                resblockUpdown, useFp16, useNewAttentionOrder);
    }

    /** The flags as guided-diffusion names them, which {@link #parse} reads back. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("image_size", imageSize);
        o.addProperty("num_channels", numChannels);
        o.addProperty("num_res_blocks", numResBlocks);
        o.addProperty("channel_mult", channelMult);
        o.addProperty("learn_sigma", learnSigma);
        o.addProperty("class_cond", classCond);
        o.addProperty("use_checkpoint", useCheckpoint);
        o.addProperty("attention_resolutions", attentionResolutions);
        o.addProperty("num_heads", numHeads);
        o.addProperty("num_head_channels", numHeadChannels);
        o.addProperty("num_heads_upsample", numHeadsUpsample);
        o.addProperty("use_scale_shift_norm", useScaleShiftNorm);
        o.addProperty("dropout", dropout);
        o.addProperty("resblock_updown", resblockUpdown);
        o.addProperty("use_fp16", useFp16);
        o.addProperty("use_new_attention_order", useNewAttentionOrder);
        return o;
    }

    public int outChannels() {
        return learnSigma ? 6 : 3;
    }

    /** num_heads_upsample with -1 resolved to num_heads. */
    public int resolvedNumHeadsUpsample() {
        return numHeadsUpsample == -1 ? numHeads : numHeadsUpsample;
    }
}
