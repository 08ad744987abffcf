package org.dadiff4j.cli;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.load.DefaultModels;
import org.dadiff4j.models.load.Priors;
import org.dadiff4j.pipeline.FileHash;
import picocli.CommandLine.Option;

/** The diffusion prior options shared by the commands that sample. */
final class PriorOptions {

    @Option(names = "--prior", paramLabel = "FILE",
            description = "Diffusion prior: our .safetensors, or an official checkpoint (ADM 256x256 uncond, SDEdit CelebA-HQ, ...).")
    Path prior;

    @Option(names = "--prior-config", paramLabel = "JSON",
            description = "The prior's layout (guided-diffusion create_model flags, or a DDPM config) where it cannot be recognised from the file.")
    Path priorConfig;

    /** Loads the given prior, else the embedded default, or explains that one is needed. */
    DiffusionPrior load(NDManager manager, String why) {
        if (prior == null) {
            prior = DefaultModels.find(DefaultModels.PRIOR).orElseThrow(() -> new DadiffException(
                    why + " needs a diffusion prior: give --prior FILE (no default prior in " + DefaultModels.location() + ")"));
        }
        return Priors.load(prior, priorConfig, manager);
    }

    /** Model files used, with their SHA-256. */
    void describe(Map<String, String> models) {
        if (prior != null) {
            models.put(prior.toString(), FileHash.sha256(prior));
        }
        if (priorConfig != null) {
            models.put(priorConfig.toString(), FileHash.sha256(priorConfig));
        }
    }
}
