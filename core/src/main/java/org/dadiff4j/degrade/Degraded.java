package org.dadiff4j.degrade;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.weights.Npy;

/** A degraded sample: the LR image, what was done to it, and its first-stage blur kernel. */
public final class Degraded {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** LR image, 8-bit quantised, {@code floor(hr / scale)} in each dimension. */
    public final Planes lr;
    public final Params params;
    /** First-stage blur kernel padded to the recipe's record size (the identity when no blur ran). */
    public final Kernel kernel;

    /** Everything that was drawn, in the order the steps ran. */
    public static final class Params {
        public final String recipe;
        public final long seed;
        public final int scale;
        public final int hrWidth;
        public final int hrHeight;
        public final int lrWidth;
        public final int lrHeight;
        /** One map per step: {@code op} (blur, resize, noise, jpeg, sinc) and its values. */
        public final List<Map<String, Object>> steps;

        Params(String recipe, long seed, int scale, Planes hr, Planes lr, List<Map<String, Object>> steps) {
            this.recipe = recipe;
            this.seed = seed;
            this.scale = scale;
            this.hrWidth = hr.width;
            this.hrHeight = hr.height;
            this.lrWidth = lr.width;
            this.lrHeight = lr.height;
            this.steps = List.copyOf(steps);
        }

        public String toJson() {
            return GSON.toJson(this);
        }
    }

    Degraded(Planes lr, Params params, Kernel kernel) {
        this.lr = lr;
        this.params = params;
        this.kernel = kernel;
    }

    /** Writes {@link Params#toJson()} to {@code file}, creating parent folders. */
    public void writeParams(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, params.toJson() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot write: " + e.getMessage(), e);
        }
    }

    /** Writes the recorded kernel as a float32 {@code .npy} of shape [size, size], creating parent folders. */
    public void writeKernel(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot write: " + e.getMessage(), e);
        }
        Npy.write(file, kernel.w, kernel.size, kernel.size);
    }
}
