package org.dadiff4j.models.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.dadiff4j.AtomicFile;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;

/**
 * The embedded default models: safetensors files with their JSON configs, used when no model is
 * given. They are the classpath resources under {@value #RESOURCES} (the {@code dadiff4j-models}
 * artifact, built from the repository's {@code models/} folder), unless {@code -Ddadiff.models=DIR}
 * or {@code $DADIFF_MODELS} names a folder to use instead.
 *
 * <p>The loaders read files (they memory-map weights and find the config beside them), so a model
 * inside a jar is copied once to {@code $XDG_CACHE_HOME/dadiff4j/models/<hash>/} (default
 * {@code ~/.cache}), named by the SHA-256 of its bytes so that a changed model never reuses a stale copy.
 */
public final class DefaultModels {

    /** File name of the default diffusion prior. */
    public static final String PRIOR = "prior.safetensors";
    /** File name of the kernel estimator. */
    public static final String KERNEL_ESTIMATOR = "kernel-estimator.safetensors";
    /** Classpath folder of the embedded models. */
    public static final String RESOURCES = "org/dadiff4j/models/embedded/";

    private DefaultModels() {}

    /** File name of the default degradation-aware model for a scale. */
    public static String degradation(int scale) {
        return "degradation-x" + scale + ".safetensors";
    }

    /** The default model file {@code name} (with its config beside it), if it ships. */
    public static Optional<Path> find(String name) {
        Path dir = override();
        if (dir != null) {
            Path p = dir.resolve(name);
            return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        }
        URL url = resource(name);
        if (url == null) {
            return Optional.empty();
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return Optional.of(Paths.get(url.toURI()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                // fall through: copy it like a jar entry
            }
        }
        return Optional.of(extract(name));
    }

    /** Where the defaults are looked for, for messages. */
    public static String location() {
        Path dir = override();
        return dir != null ? dir.toString() : "the classpath (" + RESOURCES + ", artifact dadiff4j-models)";
    }

    /** The folder of -Ddadiff.models or $DADIFF_MODELS, or null. */
    private static Path override() {
        String prop = System.getProperty("dadiff.models");
        if (prop != null && !prop.isEmpty()) {
            return Paths.get(prop);
        }
        String env = System.getenv("DADIFF_MODELS");
        return env != null && !env.isEmpty() ? Paths.get(env) : null;
    }

    private static URL resource(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        URL url = context == null ? null : context.getResource(RESOURCES + name);
        return url != null ? url : DefaultModels.class.getClassLoader().getResource(RESOURCES + name);
    }

    private static Path extract(String name) {
        String config = name.replaceFirst("\\.safetensors$", ".json");
        byte[] weights = bytes(name);
        byte[] json = config.equals(name) ? null : resource(config) == null ? null : bytes(config);
        Path dir = cacheRoot().resolve(sha256(weights, json).substring(0, 16));
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw DadiffException.of(dir, "cannot create the model cache: " + Problems.describe(e), e);
        }
        if (json != null && !Files.isRegularFile(dir.resolve(config))) {
            AtomicFile.write(dir.resolve(config), out -> out.write(json));
        }
        if (!Files.isRegularFile(file)) {
            AtomicFile.write(file, out -> out.write(weights));
        }
        return file;
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("dadiff4j").resolve("models");
    }

    private static byte[] bytes(String name) {
        try (InputStream in = resource(name).openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DadiffException("cannot read the embedded model " + name + ": " + Problems.describe(e), e);
        }
    }

    private static String sha256(byte[] a, byte[] b) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(a);
            if (b != null) {
                md.update(b);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
