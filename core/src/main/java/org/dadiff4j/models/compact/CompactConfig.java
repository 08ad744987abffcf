package org.dadiff4j.models.compact;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;

/**
 * Shape of a compact model, as stored in its JSON file. Keys: {@code scale} (2, 4 or 8),
 * {@code channels} and {@code blocks} of each generator, {@code encoderChannels},
 * {@code encoderBlocks}, {@code reprChannels} (channels of E's output), {@code lqAtHrSize}
 * (LQ images at HR size, as the official MSDI2E takes them) and {@code representation}
 * ({@code "global"}: E's output is pooled to one vector per image; {@code "spatial"}: it stays a map
 * at LR resolution) and {@code pooling} of a global representation ({@code "stats"}: E pools the mean
 * and the standard deviation of its features over the image; {@code "mean"}: E mixes each position
 * with the image-wide mean and averages the result) and {@code cues} (E adds measured readings of
 * noise, blur and JPEG, {@link Cues}, to what it learns). Missing keys take the defaults, except
 * {@code pooling} and {@code cues}, which files written before they existed lack: they mean
 * {@code "mean"} and {@code false}. {@code restoreBlocks} deepens Gr alone (absent: {@code blocks}).
 *
 * <p>Why stats pooling is the default: noise, blur and JPEG show in the spread of local features
 * more than in their mean; with mean pooling the shipped E's output stayed at about 1e-3 for every
 * input, and even when trained to read the degradation it learnt only the average reading.
 *
 * <p>Why cues are the default: even with stats pooling and a loss on its readings, E did not learn to
 * tell a clean input from a noisy or blurred one within thousands of steps, so Gr could not adapt.
 *
 * <p>Why global is the default: a spatial map at LR resolution carries the LQ image's own content,
 * so Gd learns to copy its low frequencies from E(y) instead of deriving them from x (measured on
 * the first shipped x4 model: Gd passed only 22% of a uniform change of x). DADiff's guidance needs
 * Gd to follow x; the degradations of the synthesis pipeline are uniform over an image anyway.
 */
public record CompactConfig(int scale, int channels, int blocks, int encoderChannels, int encoderBlocks,
        int reprChannels, boolean lqAtHrSize, boolean globalRepresentation, boolean statsPooling, boolean cues,
        int restoreBlocks) {

    /** The value of "family" in every compact model's JSON. */
    public static final String FAMILY = "compact-degradation";

    private static final CompactConfig DEFAULTS = new CompactConfig(4, 48, 4, 32, 2, 16, false, true, true, true, 4);

    public CompactConfig {
        if (scale != 2 && scale != 4 && scale != 8) {
            throw new IllegalArgumentException("scale must be 2, 4 or 8, not " + scale);
        }
        if (channels < 1 || blocks < 0 || encoderChannels < 1 || encoderBlocks < 0 || reprChannels < 1
                || restoreBlocks < 0) {
            throw new IllegalArgumentException("widths must be positive and depths not negative: " + this);
        }
        if (channels > 1024 || encoderChannels > 1024 || reprChannels > 1024 || blocks > 64 || encoderBlocks > 64
                || restoreBlocks > 64) {
            throw new IllegalArgumentException("widths must be at most 1024 and depths at most 64: " + this);
        }
        if (statsPooling && !globalRepresentation) {
            throw new IllegalArgumentException("stats pooling needs the global representation: " + this);
        }
    }

    /** Gr as deep as Gd. */
    public CompactConfig(int scale, int channels, int blocks, int encoderChannels, int encoderBlocks,
            int reprChannels, boolean lqAtHrSize, boolean globalRepresentation, boolean statsPooling, boolean cues) {
        this(scale, channels, blocks, encoderChannels, encoderBlocks, reprChannels, lqAtHrSize, globalRepresentation,
                statsPooling, cues, blocks);
    }

    /** Without cues. */
    public CompactConfig(int scale, int channels, int blocks, int encoderChannels, int encoderBlocks,
            int reprChannels, boolean lqAtHrSize, boolean globalRepresentation, boolean statsPooling) {
        this(scale, channels, blocks, encoderChannels, encoderBlocks, reprChannels, lqAtHrSize, globalRepresentation,
                statsPooling, false);
    }

    /** Stats pooling for a global representation, none for a spatial one; without cues. */
    public CompactConfig(int scale, int channels, int blocks, int encoderChannels, int encoderBlocks,
            int reprChannels, boolean lqAtHrSize, boolean globalRepresentation) {
        this(scale, channels, blocks, encoderChannels, encoderBlocks, reprChannels, lqAtHrSize, globalRepresentation,
                globalRepresentation);
    }

    /** 48 channels, 4 blocks per generator: about 0.66M parameters at x4 (0.63M at x2, 0.78M at x8). */
    public static CompactConfig defaults() {
        return DEFAULTS;
    }

    public CompactConfig withScale(int newScale) {
        return new CompactConfig(newScale, channels, blocks, encoderChannels, encoderBlocks, reprChannels, lqAtHrSize,
                globalRepresentation, statsPooling, cues, restoreBlocks);
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("family", FAMILY);
        o.addProperty("scale", scale);
        o.addProperty("channels", channels);
        o.addProperty("blocks", blocks);
        o.addProperty("encoderChannels", encoderChannels);
        o.addProperty("encoderBlocks", encoderBlocks);
        o.addProperty("reprChannels", reprChannels);
        o.addProperty("lqAtHrSize", lqAtHrSize);
        o.addProperty("representation", globalRepresentation ? "global" : "spatial");
        if (globalRepresentation) {
            o.addProperty("pooling", statsPooling ? "stats" : "mean");
        }
        o.addProperty("cues", cues);
        if (restoreBlocks != blocks) {
            o.addProperty("restoreBlocks", restoreBlocks);
        }
        return o;
    }

    /** Reads the keys of {@code o} over the defaults; {@code source} names it in error messages. */
    public static CompactConfig fromJson(JsonObject o, String source) {
        try {
            JsonElement family = o.get("family");
            if (family != null && !FAMILY.equals(family.getAsString())) {
                throw new DadiffException(source + ": not a compact degradation model (family "
                        + family.getAsString() + ")");
            }
            CompactConfig d = DEFAULTS;
            int blocks = integer(o, "blocks", d.blocks);
            return new CompactConfig(integer(o, "scale", d.scale), integer(o, "channels", d.channels),
                    blocks, integer(o, "encoderChannels", d.encoderChannels),
                    integer(o, "encoderBlocks", d.encoderBlocks), integer(o, "reprChannels", d.reprChannels),
                    o.has("lqAtHrSize") ? o.get("lqAtHrSize").getAsBoolean() : d.lqAtHrSize,
                    representation(o), statsPooling(o), o.has("cues") && o.get("cues").getAsBoolean(),
                    integer(o, "restoreBlocks", blocks));
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException
                | NullPointerException | ClassCastException e) {
            throw new DadiffException(source + ": bad compact model config: "
                    + org.dadiff4j.JsonFiles.describeValueError(e), e);
        }
    }

    private static boolean representation(JsonObject o) {
        if (!o.has("representation")) {
            return DEFAULTS.globalRepresentation;
        }
        String r = o.get("representation").getAsString();
        return switch (r) {
            case "global" -> true;
            case "spatial" -> false;
            default -> throw new IllegalArgumentException("representation must be global or spatial, not " + r);
        };
    }

    private static boolean statsPooling(JsonObject o) {
        String p = o.has("pooling") ? o.get("pooling").getAsString() : "mean";
        return switch (p) {
            case "stats" -> true;
            case "mean" -> false;
            default -> throw new IllegalArgumentException("pooling must be stats or mean, not " + p);
        };
    }

    /** Reads a JSON config file. */
    public static CompactConfig read(Path file) {
        return fromJson(org.dadiff4j.JsonFiles.readObject(file, "model config"), file.toString());
    }

    private static int integer(JsonObject o, String key, int fallback) {
        JsonElement e = o.get(key);
        if (e == null) {
            return fallback;
        }
        double v = e.getAsDouble();
        if (v != Math.rint(v)) {
            throw new IllegalArgumentException(key + " must be an integer, not " + e);
        }
        return (int) v;
    }
}
