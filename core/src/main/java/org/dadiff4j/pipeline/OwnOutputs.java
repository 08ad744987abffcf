package org.dadiff4j.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps a batch from reading its own outputs back as inputs (with the input folder as output
 * folder, a second run would upscale {@code x_x4.png} into {@code x_x4_x4.png}): an input is left
 * out when it is the output of another input of the batch, or when it lies in the output folder and
 * is a complete output of this tool (an image with its sidecar).
 */
final class OwnOutputs {

    private OwnOutputs() {}

    /** The items that are not outputs; a line for each one left out is added to {@code skipped}. */
    static List<Inputs.Item> exclude(List<Inputs.Item> items, Function<Inputs.Item, Path> outputOf, Path outDir,
            List<String> skipped) {
        Set<Path> outputs = new HashSet<>();
        for (Inputs.Item it : items) {
            outputs.add(canonical(outputOf.apply(it)));
        }
        Path dir = canonical(outDir);
        List<Inputs.Item> kept = new ArrayList<>();
        for (Inputs.Item it : items) {
            Path f = canonical(it.file);
            if (outputs.contains(f) || f.startsWith(dir) && OutputPair.isComplete(it.file)) {
                skipped.add(it.file + " (an output of dadiff, not read as an input)");
            } else {
                kept.add(it);
            }
        }
        return kept;
    }

    private static Path canonical(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
