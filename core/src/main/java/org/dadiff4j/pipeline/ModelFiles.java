package org.dadiff4j.pipeline;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.ModelException;
import org.dadiff4j.models.kernel.KernelEstimator;
import org.dadiff4j.models.load.DefaultModels;
import org.dadiff4j.models.load.DegradationModels;
import org.dadiff4j.models.load.Priors;

/**
 * The model files of a run, and the one place that decides which files a method loads: the given
 * ones, else the embedded defaults ({@link DefaultModels}). Immutable; null means "the default".
 */
public final class ModelFiles {

    /** Every model the embedded default. */
    public static final ModelFiles DEFAULTS = new ModelFiles(null, null, null, null);

    private final Path prior;
    private final Path priorConfig;
    private final Path degradation;
    private final Path kernelEstimator;

    /**
     * @param prior diffusion prior file, or null for the embedded default
     * @param priorConfig the prior's layout where the file cannot tell it, or null
     * @param degradation degradation-aware model (E, Gd, Gr), or null for the default of the scale
     * @param kernelEstimator blur-kernel estimator, or null for the default
     */
    public ModelFiles(Path prior, Path priorConfig, Path degradation, Path kernelEstimator) {
        this.prior = prior;
        this.priorConfig = priorConfig;
        this.degradation = degradation;
        this.kernelEstimator = kernelEstimator;
    }

    public Path prior() {
        return prior;
    }

    public Path priorConfig() {
        return priorConfig;
    }

    public Path degradation() {
        return degradation;
    }

    public Path kernelEstimator() {
        return kernelEstimator;
    }

    /** Loads, once each, what {@code method} needs; see {@link #load(Collection, int, boolean, NDManager, Map)}. */
    public Upscalers.Models load(Method method, int scale, boolean official, NDManager manager, Map<String, String> hashes) {
        return load(List.of(method), scale, official, manager, hashes);
    }

    /**
     * Loads, once each, the models that any of {@code methods} needs into {@code manager}, and
     * records each file used with its SHA-256 in {@code hashes}.
     *
     * @param official the MSDI2E runs as in the official sampler (train mode)
     * @throws ModelException where a model is missing, unreadable or of the wrong kind
     */
    public Upscalers.Models load(Collection<Method> methods, int scale, boolean official, NDManager manager,
            Map<String, String> hashes) {
        return load(methods, scale, official, manager, hashes, new Upscalers.Models());
    }

    /**
     * As {@link #load(Collection, int, boolean, NDManager, Map)}, but takes the models already in
     * {@code loaded} (loaded from these files for this scale and {@code official}) instead of loading
     * them again; their files are still hashed into {@code hashes}.
     */
    public Upscalers.Models load(Collection<Method> methods, int scale, boolean official, NDManager manager,
            Map<String, String> hashes, Upscalers.Models loaded) {
        Method priorUser = methods.stream().filter(Upscalers::needsPrior).findFirst().orElse(null);
        Method degradationUser = methods.stream().filter(Upscalers::needsDegradation).findFirst().orElse(null);
        Method kernelUser = methods.stream().filter(Upscalers::needsKernelEstimator).findFirst().orElse(null);
        Map<String, String> used = new LinkedHashMap<>();
        Upscalers.Models m = new Upscalers.Models();
        try {
            if (priorUser != null) {
                Path p = resolve(prior, DefaultModels.PRIOR, priorUser, "a diffusion prior (prior)");
                m.prior = loaded.prior != null ? loaded.prior : Priors.load(p, priorConfig, manager);
                used.put(p.toString(), FileHash.sha256(p));
                if (priorConfig != null) {
                    used.put(priorConfig.toString(), FileHash.sha256(priorConfig));
                }
            }
            if (degradationUser != null) {
                Path p = resolve(degradation, DefaultModels.degradation(scale), degradationUser,
                        "a degradation-aware model for x" + scale + " (degradation)");
                m.degradation = loaded.degradation != null ? loaded.degradation
                        : DegradationModels.load(p, scale, official, manager);
                used.put(p.toString(), FileHash.sha256(p));
            }
            if (kernelUser != null) {
                Path p = resolve(kernelEstimator, DefaultModels.KERNEL_ESTIMATOR, kernelUser,
                        "a blur-kernel estimator (kernelEstimator)");
                m.kernelEstimator = loaded.kernelEstimator != null ? loaded.kernelEstimator
                        : KernelEstimator.load(p, manager);
                used.put(p.toString(), FileHash.sha256(p));
            }
        } catch (ModelException e) {
            throw e;
        } catch (DadiffException e) {
            throw new ModelException(e.getMessage(), e);
        }
        hashes.putAll(used);
        return m;
    }

    private static Path resolve(Path given, String defaultName, Method user, String what) {
        if (given != null) {
            return given;
        }
        return DefaultModels.find(defaultName).orElseThrow(() -> new ModelException("method " + user.cliName()
                + " needs " + what + ": none was given and there is no default in " + DefaultModels.location()));
    }
}
