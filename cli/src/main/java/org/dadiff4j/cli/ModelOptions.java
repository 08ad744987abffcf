package org.dadiff4j.cli;

import java.nio.file.Path;
import org.dadiff4j.pipeline.ModelFiles;
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

    /** The files given (null: the embedded default). */
    ModelFiles files() {
        return new ModelFiles(prior.prior, prior.priorConfig, degradation, kernelEstimator);
    }
}
