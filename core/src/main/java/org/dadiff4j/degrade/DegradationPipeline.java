package org.dadiff4j.degrade;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dadiff4j.DadiffException;

/**
 * The second-order degradation model of Real-ESRGAN (Wang et al. 2021): two rounds of
 * blur, random resize, noise and JPEG, then resize to the target scale with a sinc filter and a
 * last JPEG in random order. Every draw comes from one {@link SplittableRandom} seeded per sample,
 * so {@code apply(hr, scale, seed)} is a pure function of its arguments.
 *
 * <p>As in Real-ESRGAN, all kernels are drawn before any image work, and the second-stage resize is
 * relative to the target size {@code hr / scale}.
 */
public final class DegradationPipeline {

    /** Keeps the draw of a mixture's component apart from the draws of the recipe itself. */
    private static final long MIXTURE_STREAM = 0x6D6978747572L;

    private final String name;
    private final List<Recipe> recipes;
    private final double[] weights;

    private DegradationPipeline(String name, List<Recipe> recipes, double[] weights) {
        this.name = name;
        this.recipes = List.copyOf(recipes);
        this.weights = weights.clone();
    }

    public static DegradationPipeline fromRecipe(Recipe recipe) {
        return new DegradationPipeline(recipe.name, List.of(recipe), new double[] {1});
    }

    /**
     * A mixture: each sample is degraded by one of {@code recipes}, drawn with these weights from
     * the sample's seed, so that a training set covers clean, mild and heavy inputs in known
     * proportions.
     */
    public static DegradationPipeline mixture(String name, List<Recipe> recipes, double[] weights) {
        if (recipes.isEmpty() || recipes.size() != weights.length) {
            throw new IllegalArgumentException("a mixture needs one weight per recipe");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0)) {
                throw new IllegalArgumentException("mixture weights must not be negative");
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("mixture weights must not all be zero");
        }
        return new DegradationPipeline(name, recipes, weights);
    }

    /**
     * A shipped recipe by name ({@code realesrgan} or {@code heavy}, {@code mild}, {@code clean},
     * or the mixture {@code mixed}), or a recipe file: a recipe merged over Real-ESRGAN's, or
     * {@code {"name": ..., "mixture": [{"recipe": NAME_OR_FILE, "weight": W}, ...]}} with files
     * relative to it.
     */
    public static DegradationPipeline load(String nameOrFile) {
        Recipe shipped = Recipe.named(nameOrFile);
        if (shipped != null) {
            return fromRecipe(shipped);
        }
        if (nameOrFile.equals("mixed")) {
            return mixture(Recipe.resource("mixed.json"), Path.of("mixed.json"));
        }
        Path file = Path.of(nameOrFile);
        if (!Files.exists(file)) {
            throw DadiffException.of(file, "no such recipe file (or one of the names realesrgan, heavy, mild, clean,"
                    + " mixed)");
        }
        JsonObject json = Recipe.readObject(file);
        return json.has("mixture") ? mixture(json, file) : fromRecipe(Recipe.fromJson(json, file));
    }

    private static DegradationPipeline mixture(JsonObject json, Path source) {
        try {
            List<Recipe> recipes = new ArrayList<>();
            JsonArray entries = json.getAsJsonArray("mixture");
            double[] weights = new double[entries.size()];
            for (int i = 0; i < weights.length; i++) {
                JsonObject e = entries.get(i).getAsJsonObject();
                String part = e.get("recipe").getAsString();
                if (part.equals("mixed")) {
                    throw new IllegalArgumentException("a mixture cannot hold a mixture");
                }
                Recipe r = Recipe.named(part);
                if (r == null) {
                    Path parent = source.toAbsolutePath().getParent();
                    r = Recipe.load(parent == null ? Path.of(part) : parent.resolve(part));
                }
                recipes.add(r);
                weights[i] = e.get("weight").getAsDouble();
            }
            String name = json.has("name") ? json.get("name").getAsString() : source.getFileName().toString();
            return mixture(name, recipes, weights);
        } catch (DadiffException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DadiffException.of(source, "not a valid recipe mixture: " + e.getMessage(), e);
        }
    }

    /** With Real-ESRGAN's default settings. */
    public static DegradationPipeline defaults() {
        return fromRecipe(Recipe.defaults());
    }

    /** The recipe's name, or the mixture's. */
    public String name() {
        return name;
    }

    /** The recipes this pipeline draws from (one unless it is a mixture), with {@link #weights()}. */
    public List<Recipe> recipes() {
        return recipes;
    }

    public double[] weights() {
        return weights.clone();
    }

    /** Degrades an RGB image in [0, 1] by {@code scale} (2, 4, 8, ...). */
    public Degraded apply(Planes hr, int scale, long seed) {
        if (scale < 1 || hr.width < scale || hr.height < scale || hr.channels() != 3) {
            throw new IllegalArgumentException("cannot degrade a " + hr.width + "x" + hr.height + "x"
                    + hr.channels() + " image by x" + scale + " (needs RGB at least scale pixels wide)");
        }
        Recipe recipe = recipes.size() == 1 ? recipes.get(0)
                : recipes.get(Draw.weighted(new SplittableRandom(seed ^ MIXTURE_STREAM), weights));
        SplittableRandom rng = new SplittableRandom(seed);
        List<Map<String, Object>> steps = new ArrayList<>();
        Recipe.Final fin = recipe.finalStep;
        KernelSampler.Drawn k1 = drawKernel(recipe.first, rng);
        KernelSampler.Drawn k2 = drawKernel(recipe.second, rng);
        Kernel sinc = null;
        Map<String, Object> sincParams = null;
        if (Draw.chance(rng, fin.sincProb)) {
            int size = Draw.oddSize(rng, fin.sincSizes);
            double omega = Draw.uniform(rng, fin.sincOmega);
            sinc = Kernels.circularLowpass(size, omega);
            sincParams = step("sinc", "size", size, "omega", omega);
        }

        Planes out = hr;
        boolean blurred1 = false;
        if (recipe.first != null) {
            blurred1 = k1 != null && Draw.chance(rng, recipe.first.blur.prob);
            out = stage(out, recipe.first, blurred1 ? k1 : null, rng, steps, null);
        }
        int targetW = hr.width / scale;
        int targetH = hr.height / scale;
        if (recipe.second != null) {
            boolean blurred2 = k2 != null && Draw.chance(rng, recipe.second.blur.prob);
            out = stage(out, recipe.second, blurred2 ? k2 : null, rng, steps, new int[] {targetW, targetH});
        }
        boolean resizeFirst = Draw.chance(rng, fin.resizeFirstProb);
        if (!resizeFirst) {
            out = jpeg(out, fin.jpeg, rng, steps);
        }
        Resize.Mode mode = Resize.Mode.of(Draw.pick(rng, fin.modes));
        out = Resize.toSize(out, targetW, targetH, mode);
        steps.add(step("resize", "mode", mode.key(), "width", targetW, "height", targetH));
        if (sinc != null) {
            out = Filter.apply(out, sinc);
            steps.add(sincParams);
        }
        if (resizeFirst) {
            out = jpeg(out, fin.jpeg, rng, steps);
        }
        out.clampInPlace().quantizeInPlace();
        Kernel recorded = (blurred1 ? k1.kernel : Kernel.identity()).padTo(recipe.kernelRecordSize);
        return new Degraded(out, new Degraded.Params(recipe.name, seed, scale, hr, out, steps), recorded);
    }

    private static KernelSampler.Drawn drawKernel(Recipe.Stage stage, SplittableRandom rng) {
        return stage != null && stage.blur != null ? KernelSampler.draw(stage.blur, rng) : null;
    }

    /** One order of degradation; {@code target} is null in the first stage (resize by a factor). */
    private static Planes stage(Planes img, Recipe.Stage s, KernelSampler.Drawn kernel, SplittableRandom rng,
            List<Map<String, Object>> steps, int[] target) {
        Planes out = img;
        if (kernel != null) {
            out = Filter.apply(out, kernel.kernel);
            Map<String, Object> p = step("blur");
            p.putAll(kernel.params);
            steps.add(p);
        }
        if (s.resize != null) {
            out = randomResize(out, s.resize, rng, steps, target);
        }
        if (s.noise != null) {
            out = noise(out, s.noise, rng, steps);
        }
        return jpeg(out, s.jpeg, rng, steps);
    }

    private static Planes randomResize(Planes img, Recipe.ResizeStep r, SplittableRandom rng,
            List<Map<String, Object>> steps, int[] target) {
        int updown = Draw.weighted(rng, r.upDownKeep);
        double factor = updown == 0 ? Draw.uniform(rng, 1, r.range[1])
                : updown == 1 ? Draw.uniform(rng, r.range[0], 1) : 1;
        Resize.Mode mode = Resize.Mode.of(Draw.pick(rng, r.modes));
        Planes out;
        if (target == null) {
            out = factor == 1 ? img : Resize.byFactor(img, factor, mode);
        } else {
            int w = Math.max(1, (int) (target[0] * factor));
            int h = Math.max(1, (int) (target[1] * factor));
            // at the same size every mode is the identity
            out = w == img.width && h == img.height ? img : Resize.toSize(img, w, h, mode);
        }
        steps.add(step("resize", "mode", mode.key(), "factor", factor, "width", out.width, "height", out.height));
        return out;
    }

    private static Planes noise(Planes img, Recipe.NoiseStep n, SplittableRandom rng, List<Map<String, Object>> steps) {
        if (Draw.chance(rng, n.gaussianProb)) {
            double sigma = Draw.uniform(rng, n.gaussianSigma);
            boolean gray = Draw.chance(rng, n.grayProb);
            steps.add(step("noise", "type", "gaussian", "sigma", sigma, "gray", gray));
            return Noise.gaussian(img, sigma, gray, rng);
        }
        double scale = Draw.uniform(rng, n.poissonScale);
        boolean gray = Draw.chance(rng, n.grayProb);
        steps.add(step("noise", "type", "poisson", "scale", scale, "gray", gray));
        return Noise.poisson(img, scale, gray, rng);
    }

    private static Planes jpeg(Planes img, Recipe.JpegStep j, SplittableRandom rng, List<Map<String, Object>> steps) {
        if (j == null || !Draw.chance(rng, j.prob)) {
            return img;
        }
        int quality = (int) Math.round(Draw.uniform(rng, j.quality));
        steps.add(step("jpeg", "quality", quality));
        return Jpeg.compress(img, quality);
    }

    private static Map<String, Object> step(String op, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", op);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
