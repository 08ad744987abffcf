package org.dadiff4j.degrade;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dadiff4j.DadiffException;

/**
 * All parameters of the degradation pipeline, read from JSON (see docs/degradation.md). A recipe
 * file lists only what it changes: it is merged key by key over the default recipe
 * ({@code realesrgan.json}, Real-ESRGAN's x4plus settings), and a step set to {@code null} is skipped.
 * Ranges are {@code [low, high]} and drawn uniformly.
 */
public final class Recipe {

    static final String DEFAULT_RESOURCE = "realesrgan.json";
    static final List<String> KERNEL_TYPES = List.of(
            "iso", "aniso", "generalized_iso", "generalized_aniso", "plateau_iso", "plateau_aniso");
    private static final Gson GSON = new GsonBuilder().serializeNulls().setPrettyPrinting().create();

    public String name;
    public Stage first;
    public Stage second;
    @SerializedName("final")
    public Final finalStep;
    /** Recorded kernels are zero-padded to this size (Real-ESRGAN: 21). */
    public int kernelRecordSize = 21;

    /** One order of degradation: blur, resize, noise, JPEG; null steps are skipped. */
    public static final class Stage {
        public Blur blur;
        public ResizeStep resize;
        public NoiseStep noise;
        public JpegStep jpeg;
    }

    /** BasicSR {@code random_mixed_kernels} plus the sinc alternative. */
    public static final class Blur {
        public double prob = 1;
        /** Smallest and largest odd kernel size; each odd size in between is equally likely. */
        public int[] kernelSizes;
        public String[] kernels;
        public double[] kernelProbs;
        public double[] sigma;
        public double[] rotation;
        public double[] betaG;
        public double[] betaP;
        public double sincProb;
        public double[] sincOmegaSmall;
        public double[] sincOmegaLarge;
        /** Kernels at least this large draw the cutoff from {@code sincOmegaLarge}. */
        public int sincLargeFrom = 13;
    }

    /** Random rescaling: up/down/keep probabilities, the factor range, and the modes to pick from. */
    public static final class ResizeStep {
        public double[] upDownKeep;
        public double[] range;
        public String[] modes;
    }

    /** Gaussian noise with this probability, else Poisson; gray (shared by channels) with {@code grayProb}. */
    public static final class NoiseStep {
        public double gaussianProb;
        public double[] gaussianSigma;
        public double[] poissonScale;
        public double grayProb;
    }

    /** JPEG round trip with an integer quality drawn from {@code quality}. */
    public static final class JpegStep {
        public double prob = 1;
        public double[] quality;
    }

    /** Resize to the target size + optional sinc filter, and JPEG, in random order. */
    public static final class Final {
        public String[] modes;
        public double sincProb;
        public int[] sincSizes;
        public double[] sincOmega;
        /** Probability that resize + sinc come before the JPEG step. */
        public double resizeFirstProb;
        public JpegStep jpeg;
    }

    /** The default recipe (Real-ESRGAN x4plus). */
    public static Recipe defaults() {
        return parse(defaultJson(), Path.of(DEFAULT_RESOURCE));
    }

    /**
     * A recipe shipped with the project, by name: {@code realesrgan} (the default, also called
     * {@code heavy}), {@code mild} or {@code clean} (docs/degradation.md); null for another name.
     */
    public static Recipe named(String name) {
        String key = name.equals("heavy") ? "realesrgan" : name;
        if (!SHIPPED.contains(key)) {
            return null;
        }
        if (key.equals("realesrgan")) {
            return defaults();
        }
        JsonObject merged = defaultJson();
        merge(merged, resource(key + ".json"));
        return parse(merged, Path.of(key + ".json"));
    }

    /** The names {@link #named} knows. */
    static final List<String> SHIPPED = List.of("realesrgan", "mild", "clean");

    /** Reads a recipe file, merged over the defaults. */
    public static Recipe load(Path file) {
        return fromJson(readObject(file), file);
    }

    /** A recipe object (as in a file), merged over the defaults; {@code source} names it in errors. */
    static Recipe fromJson(JsonObject user, Path source) {
        JsonObject merged = defaultJson();
        merge(merged, user);
        return parse(merged, source);
    }

    /** The JSON object of a recipe or mixture file. */
    static JsonObject readObject(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement user = JsonParser.parseReader(r);
            if (!user.isJsonObject()) {
                throw DadiffException.of(file, "a recipe must be a JSON object");
            }
            return user.getAsJsonObject();
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot read recipe: " + e.getMessage(), e);
        } catch (JsonParseException | IllegalStateException e) {
            throw DadiffException.of(file, "not a valid recipe: " + e.getMessage(), e);
        }
    }

    /** This recipe as JSON (for manifests and sidecars). */
    public String toJson() {
        return GSON.toJson(this);
    }

    private static JsonObject defaultJson() {
        return resource(DEFAULT_RESOURCE);
    }

    static JsonObject resource(String name) {
        try (InputStream in = Recipe.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the build");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }

    /** Objects merge key by key; anything else (numbers, arrays, null) replaces. */
    private static void merge(JsonObject base, JsonObject over) {
        for (Map.Entry<String, JsonElement> e : over.entrySet()) {
            JsonElement old = base.get(e.getKey());
            if (old != null && old.isJsonObject() && e.getValue().isJsonObject()) {
                merge(old.getAsJsonObject(), e.getValue().getAsJsonObject());
            } else {
                base.add(e.getKey(), e.getValue());
            }
        }
    }

    private static Recipe parse(JsonObject json, Path source) {
        Recipe r;
        try {
            r = GSON.fromJson(json, Recipe.class);
        } catch (JsonParseException e) {
            throw DadiffException.of(source, "not a valid recipe: " + e.getMessage(), e);
        }
        try {
            r.validate();
        } catch (IllegalArgumentException e) {
            throw DadiffException.of(source, e.getMessage(), e);
        }
        return r;
    }

    private void validate() {
        if (finalStep == null) {
            throw new IllegalArgumentException("'final' is required (it resizes to the target scale)");
        }
        check(first, "first");
        check(second, "second");
        modes(finalStep.modes, "final.modes");
        prob(finalStep.sincProb, "final.sincProb");
        prob(finalStep.resizeFirstProb, "final.resizeFirstProb");
        if (finalStep.sincProb > 0) {
            sizes(finalStep.sincSizes, "final.sincSizes");
            range(finalStep.sincOmega, "final.sincOmega", 0);
        }
        jpeg(finalStep.jpeg, "final.jpeg");
        if (kernelRecordSize < 1 || kernelRecordSize % 2 != 1) {
            throw new IllegalArgumentException("kernelRecordSize must be odd, got " + kernelRecordSize);
        }
    }

    private static void check(Stage s, String at) {
        if (s == null) {
            return;
        }
        if (s.blur != null) {
            Blur b = s.blur;
            prob(b.prob, at + ".blur.prob");
            sizes(b.kernelSizes, at + ".blur.kernelSizes");
            prob(b.sincProb, at + ".blur.sincProb");
            if (b.kernels == null || b.kernelProbs == null || b.kernels.length != b.kernelProbs.length || b.kernels.length == 0) {
                throw new IllegalArgumentException(at + ".blur: 'kernels' and 'kernelProbs' must be non-empty and of equal length");
            }
            for (String k : b.kernels) {
                if (!KERNEL_TYPES.contains(k)) {
                    throw new IllegalArgumentException(at + ".blur: unknown kernel '" + k + "' (one of " + KERNEL_TYPES + ")");
                }
            }
            weights(b.kernelProbs, at + ".blur.kernelProbs");
            range(b.sigma, at + ".blur.sigma", Double.MIN_VALUE);
            range(b.rotation, at + ".blur.rotation", -Double.MAX_VALUE);
            range(b.betaG, at + ".blur.betaG", Double.MIN_VALUE);
            range(b.betaP, at + ".blur.betaP", Double.MIN_VALUE);
            if (b.sincProb > 0) {
                range(b.sincOmegaSmall, at + ".blur.sincOmegaSmall", 0);
                range(b.sincOmegaLarge, at + ".blur.sincOmegaLarge", 0);
            }
        }
        if (s.resize != null) {
            if (s.resize.upDownKeep == null || s.resize.upDownKeep.length != 3) {
                throw new IllegalArgumentException(at + ".resize.upDownKeep needs three probabilities (up, down, keep)");
            }
            weights(s.resize.upDownKeep, at + ".resize.upDownKeep");
            range(s.resize.range, at + ".resize.range", Double.MIN_VALUE);
            modes(s.resize.modes, at + ".resize.modes");
        }
        if (s.noise != null) {
            prob(s.noise.gaussianProb, at + ".noise.gaussianProb");
            prob(s.noise.grayProb, at + ".noise.grayProb");
            range(s.noise.gaussianSigma, at + ".noise.gaussianSigma", 0);
            range(s.noise.poissonScale, at + ".noise.poissonScale", 0);
        }
        jpeg(s.jpeg, at + ".jpeg");
    }

    private static void jpeg(JpegStep j, String at) {
        if (j == null) {
            return;
        }
        prob(j.prob, at + ".prob");
        range(j.quality, at + ".quality", 1);
        if (j.quality[1] > 100) {
            throw new IllegalArgumentException(at + ".quality must lie in [1, 100]");
        }
    }

    private static void prob(double p, String at) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(at + " must be a probability, got " + p);
        }
    }

    private static void weights(double[] w, String at) {
        double sum = 0;
        for (double v : w) {
            prob(v, at);
            sum += v;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException(at + " must not all be zero");
        }
    }

    private static void range(double[] r, String at, double min) {
        if (r == null || r.length != 2 || !(r[0] <= r[1]) || r[0] < min) {
            throw new IllegalArgumentException(at + " must be [low, high] with " + min + " <= low <= high, got "
                    + Arrays.toString(r));
        }
    }

    private static void sizes(int[] s, String at) {
        if (s == null || s.length != 2 || s[0] < 1 || s[0] % 2 != 1 || s[1] % 2 != 1 || s[0] > s[1]) {
            throw new IllegalArgumentException(at + " must be [smallest, largest] odd sizes, got " + Arrays.toString(s));
        }
    }

    private static void modes(String[] m, String at) {
        if (m == null || m.length == 0) {
            throw new IllegalArgumentException(at + " must list at least one of area, bilinear, bicubic, antialiased");
        }
        for (String s : m) {
            Resize.Mode.of(s);
        }
    }
}
