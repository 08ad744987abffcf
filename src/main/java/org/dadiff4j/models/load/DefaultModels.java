package org.dadiff4j.models.load;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * The embedded default models: safetensors files (with their JSON configs) in the repository's
 * {@code models/} folder, used when no model is given on the command line. The folder is
 * {@code -Ddadiff.models=DIR}, else {@code $DADIFF_MODELS}, else {@code models/} beside the
 * folder that holds the jar (the repository root for {@code target/dadiff4j.jar}).
 */
public final class DefaultModels {

    /** File name of the default diffusion prior. */
    public static final String PRIOR = "prior.safetensors";
    /** File name of the kernel estimator. */
    public static final String KERNEL_ESTIMATOR = "kernel-estimator.safetensors";

    private DefaultModels() {}

    /** File name of the default degradation-aware model for a scale. */
    public static String degradation(int scale) {
        return "degradation-x" + scale + ".safetensors";
    }

    /** The default model file {@code name}, if it ships. */
    public static Optional<Path> find(String name) {
        Path dir = folder();
        if (dir == null) {
            return Optional.empty();
        }
        Path p = dir.resolve(name);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** The folder searched, or null where none can be told. */
    public static Path folder() {
        String prop = System.getProperty("dadiff.models");
        if (prop != null && !prop.isEmpty()) {
            return Paths.get(prop);
        }
        String env = System.getenv("DADIFF_MODELS");
        if (env != null && !env.isEmpty()) {
            return Paths.get(env);
        }
        try {
            Path code = Paths.get(DefaultModels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = code.getParent() == null ? null : code.getParent().getParent();
            return root == null ? null : root.resolve("models");
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }
}
