package org.dadiff4j.data;

import java.nio.file.Path;
import org.dadiff4j.degrade.DegradationPipeline;
import org.dadiff4j.degrade.Degraded;

/** File-to-file degradation for {@code dadiff degrade}: one photo in, one LR PNG out, with optional records. */
public final class DegradeFiles {

    private DegradeFiles() {}

    /**
     * Degrades {@code input} by {@code scale} and writes {@code output} (PNG). With {@code record},
     * also writes {@code <output stem>.json} (parameters) and {@code <output stem>.kernel.npy}.
     */
    public static Degraded degrade(DegradationPipeline pipeline, Path input, Path output, int scale, long seed,
            boolean record) {
        Degraded d = pipeline.apply(PhotoFiles.read(input), scale, seed);
        PhotoFiles.writePng(d.lr, output);
        if (record) {
            String name = output.getFileName().toString();
            String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            d.writeParams(output.resolveSibling(stem + ".json"));
            d.writeKernel(output.resolveSibling(stem + ".kernel.npy"));
        }
        return d;
    }
}
