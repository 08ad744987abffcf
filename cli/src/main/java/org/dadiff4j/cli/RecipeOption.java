package org.dadiff4j.cli;

import org.dadiff4j.degrade.DegradationPipeline;
import picocli.CommandLine.Option;

/** {@code --recipe}: a shipped degradation recipe by name, or a recipe or mixture file (docs/degradation.md). */
final class RecipeOption {

    @Option(names = "--recipe", paramLabel = "NAME|JSON",
            description = "Degradation: realesrgan (heavy), mild, clean, mixed (all three), or a recipe file "
                    + "whose keys override Real-ESRGAN's (docs/degradation.md).")
    String recipe;

    /** The pipeline asked for, or the command's own default. */
    DegradationPipeline pipeline(String fallback) {
        return DegradationPipeline.load(recipe == null ? fallback : recipe);
    }
}
