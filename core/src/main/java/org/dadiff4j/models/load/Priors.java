package org.dadiff4j.models.load;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dadiff4j.DadiffException;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.StrictLoader;
import org.dadiff4j.weights.WeightsFile;

/** Loads a diffusion prior from a file, recognising its format by content and its layout by shapes. */
public final class Priors {

    private Priors() {}

    /**
     * Loads {@code file}: our safetensors (config beside it) or an official checkpoint. The layout
     * comes from {@code config} when given, else from a JSON beside the weights, else from the
     * checkpoint's keys and shapes (ADM 256x256 uncond, SDEdit CelebA-HQ).
     *
     * @param config guided-diffusion flags or a DDPM config as JSON; may be null
     */
    public static DiffusionPrior load(Path file, Path config, NDManager manager) {
        org.dadiff4j.InputFile.require(file, "model file");
        StateDict sd = WeightsFile.read(file);
        Path beside = WeightsFile.configPath(file);
        DiffusionPrior prior;
        if (config != null) {
            prior = PriorConfigs.fromConfig(config);
        } else if (Files.isRegularFile(beside)) {
            prior = PriorConfigs.fromConfig(beside);
        } else {
            prior = PriorConfigs.infer(Layouts.shapes(sd)).orElseThrow(() -> DadiffException.of(file,
                    "unrecognised diffusion prior layout (" + sd.size() + " tensors); give its config, a JSON file of guided-diffusion flags (the prior config)"));
        }
        StrictLoader.load(prior.network(), sd, manager);
        return prior;
    }

}
