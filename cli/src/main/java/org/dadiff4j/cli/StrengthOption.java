package org.dadiff4j.cli;

import org.dadiff4j.pipeline.Defaults;
import org.dadiff4j.pipeline.UpscaleSettings;
import picocli.CommandLine.Option;

/** {@code --strength}, the fidelity/realism knob of {@code upscale} and {@code eval run}. */
final class StrengthOption {

    @Option(names = "--strength", paramLabel = "S", description = {
        "Fidelity (0) versus realism (1): the sample starts from the restoration noised to S x 1000 and",
        "runs the last S x STEPS steps; 0 returns the restoration, 1 samples from pure noise as the paper",
        "(default: " + Defaults.STRENGTH + "; 1 with --official)."})
    Double strength;

    /** The strength asked for, or the default of the mode. */
    double value(boolean official) {
        return UpscaleSettings.strength(strength, official);
    }
}
