package org.dadiff4j.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.dadiff4j.models.kernel.KernelEstimator;
import org.dadiff4j.models.load.DefaultModels;
import org.dadiff4j.models.load.DegradationModels;
import org.dadiff4j.pipeline.FileHash;
import org.dadiff4j.pipeline.Method;
import org.dadiff4j.pipeline.Upscalers;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The model files of the restoration methods; only those a method needs are loaded. */
final class ModelOptions {

    @Mixin PriorOptions prior;

    @Option(names = "--degradation", paramLabel = "FILE",
            description = "Degradation-aware model (E, Gd, Gr): a dadiff4j compact model (.safetensors with its .json) or a DADiff MSDI2E .pth.")
    Path degradation;

    @Option(names = "--kernel-estimator", paramLabel = "FILE",
            description = "Blur-kernel estimator for --method explicit and combine (.safetensors with its .json).")
    Path kernelEstimator;

    /**
     * Loads what {@code method} needs into {@code manager}, recording each file's SHA-256.
     *
     * @param official the MSDI2E runs as in the official sampler (train mode)
     */
    Upscalers.Models load(Method method, int scale, boolean official, NDManager manager, Map<String, String> hashes) {
        return load(List.of(method), scale, official, manager, hashes);
    }

    /** Loads, once each, the models that any of {@code methods} needs (an evaluation runs several). */
    Upscalers.Models load(Collection<Method> methods, int scale, boolean official, NDManager manager,
            Map<String, String> hashes) {
        Upscalers.Models m = new Upscalers.Models();
        Method priorUser = methods.stream().filter(Upscalers::needsPrior).findFirst().orElse(null);
        boolean needsDegradation = methods.stream().anyMatch(Upscalers::needsDegradation);
        boolean needsKernelEstimator = methods.stream().anyMatch(Upscalers::needsKernelEstimator);
        if (priorUser != null) {
            m.prior = prior.load(manager, "--method " + priorUser.cliName());
            prior.describe(hashes);
        }
        if (needsDegradation && degradation == null) {
            degradation = DefaultModels.find(DefaultModels.degradation(scale)).orElse(null);
        }
        if (needsKernelEstimator && kernelEstimator == null) {
            kernelEstimator = DefaultModels.find(DefaultModels.KERNEL_ESTIMATOR).orElse(null);
        }
        if (needsDegradation && degradation != null) {
            hashes.put(degradation.toString(), FileHash.sha256(degradation));
            m.degradation = DegradationModels.load(degradation, scale, official, manager);
        }
        if (needsKernelEstimator && kernelEstimator != null) {
            hashes.put(kernelEstimator.toString(), FileHash.sha256(kernelEstimator));
            m.kernelEstimator = KernelEstimator.load(kernelEstimator, manager);
        }
        return m;
    }
}
