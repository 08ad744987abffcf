package org.dadiff4j.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
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
        Upscalers.Models m = new Upscalers.Models();
        if (Upscalers.needsPrior(method)) {
            m.prior = prior.load(manager, "--method " + method.cliName());
            prior.describe(hashes);
        }
        if (Upscalers.needsDegradation(method) && degradation == null) {
            degradation = DefaultModels.find(DefaultModels.degradation(scale)).orElse(null);
        }
        if (Upscalers.needsKernelEstimator(method) && kernelEstimator == null) {
            kernelEstimator = DefaultModels.find(DefaultModels.KERNEL_ESTIMATOR).orElse(null);
        }
        if (Upscalers.needsDegradation(method) && degradation != null) {
            hashes.put(degradation.toString(), FileHash.sha256(degradation));
            m.degradation = DegradationModels.load(degradation, scale, official, manager);
        }
        if (Upscalers.needsKernelEstimator(method) && kernelEstimator != null) {
            hashes.put(kernelEstimator.toString(), FileHash.sha256(kernelEstimator));
            m.kernelEstimator = KernelEstimator.load(kernelEstimator, manager);
        }
        return m;
    }
}
