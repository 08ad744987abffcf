package org.dadiff4j.train;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dadiff4j.DadiffException;
import org.dadiff4j.data.Corpora;
import org.dadiff4j.data.PhotoFiles;
import org.dadiff4j.degrade.Kernel;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.models.kernel.KernelEstimator;
import org.dadiff4j.weights.Npy;

/**
 * Held-out LR images with the first-stage blur kernels that made them: a data set of
 * {@code dadiff dataset build --kernels} ({@code LR/x<s>/<name>.png} beside
 * {@code kernels/x<s>/<name>.npy}). Photos alone cannot validate an estimator: their kernels are unknown.
 */
final class KernelValidation {

    private final List<Planes> images;
    private final List<float[]> kernels;

    private KernelValidation(List<Planes> images, List<float[]> kernels) {
        this.images = images;
        this.kernels = kernels;
    }

    /** The LR images of {@code dir} at {@code scale} that have a recorded {@code k}x{@code k} kernel. */
    static KernelValidation load(Path dir, int scale, int k) {
        Path lrDir = dir.resolve("LR").resolve("x" + scale);
        Path kDir = dir.resolve("kernels").resolve("x" + scale);
        if (!Files.isDirectory(lrDir) || !Files.isDirectory(kDir)) {
            throw DadiffException.of(dir, "no LR/x" + scale + "/ and kernels/x" + scale
                    + "/ folders (make the set with dadiff dataset build --kernels)");
        }
        List<Planes> images = new ArrayList<>();
        List<float[]> kernels = new ArrayList<>();
        for (Path lr : Corpora.photosUnder(List.of(lrDir))) {
            String name = lrDir.relativize(lr).toString();
            Path kf = kDir.resolve(name.substring(0, name.lastIndexOf('.')) + ".npy");
            if (!Files.isRegularFile(kf)) {
                continue;
            }
            float[] w = Npy.read(kf).toFloats();
            if (w.length != k * k) {
                throw DadiffException.of(kf, "holds " + w.length + " weights, not a " + k + "x" + k + " kernel");
            }
            images.add(PhotoFiles.read(lr));
            kernels.add(w);
        }
        if (images.isEmpty()) {
            throw DadiffException.of(dir, "no LR image in " + lrDir + " with its kernel in " + kDir);
        }
        return new KernelValidation(images, kernels);
    }

    /** Mean over the images of sum |estimated - true| over the kernel's weights, in [0, 2] for kernels that sum to 1. */
    double meanL1(KernelEstimator estimator, NDManager manager) {
        double total = 0;
        for (int i = 0; i < images.size(); i++) {
            Kernel p = estimator.estimate(images.get(i), manager);
            float[] t = kernels.get(i);
            double l1 = 0;
            for (int j = 0; j < t.length; j++) {
                l1 += Math.abs(p.w[j] - t[j]);
            }
            total += l1;
        }
        return total / images.size();
    }
}
