package org.dadiff4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dadiff4j.DadiffException;
import org.dadiff4j.data.Corpora;
import org.dadiff4j.data.PhotoFiles;
import org.dadiff4j.data.TrainingLoader;
import org.dadiff4j.degrade.DegradationPipeline;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.models.DegradationAwareModel.Representation;
import org.dadiff4j.nn.Upsample;

/**
 * Held-out HR/LR pairs: either a data set in the paper's layout ({@code HR/<name>} with
 * {@code LR/x<s>/<name>}), or a folder of photos from which a fixed number of crops are cut and
 * degraded with a fixed seed, so that every run validates on the same pairs.
 */
final class ValidationSet {

    private static final long SEED = 20250215L;

    private final List<Planes[]> pairs;

    private ValidationSet(List<Planes[]> pairs) {
        this.pairs = pairs;
    }

    /**
     * The val.csv header for these folders: {@code psnr_restore,psnr_degrade} for one, each
     * column suffixed with the folder's name for several.
     */
    static String header(List<Path> dirs) {
        StringBuilder sb = new StringBuilder("step");
        for (Path d : dirs) {
            String suffix = dirs.size() == 1 ? "" : "_" + d.toAbsolutePath().normalize().getFileName();
            sb.append(",psnr_restore").append(suffix).append(",psnr_degrade").append(suffix);
        }
        return sb.toString();
    }

    int size() {
        return pairs.size();
    }

    static ValidationSet load(Path dir, int scale, int crop, int count, DegradationPipeline pipeline) {
        if (!Files.isDirectory(dir)) {
            throw DadiffException.of(dir, "no such folder (validation data)");
        }
        Path hr = dir.resolve("HR");
        Path lr = dir.resolve("LR").resolve("x" + scale);
        return Files.isDirectory(hr) && Files.isDirectory(lr) ? pairs(hr, lr, scale) : photos(dir, scale, crop,
                count, pipeline);
    }

    private static ValidationSet pairs(Path hrDir, Path lrDir, int scale) {
        List<Planes[]> out = new ArrayList<>();
        for (Path h : Corpora.photosUnder(List.of(hrDir))) {
            Path l = lrDir.resolve(hrDir.relativize(h));
            if (!Files.isRegularFile(l)) {
                continue;
            }
            Planes hr = PhotoFiles.read(h);
            Planes lr = PhotoFiles.read(l);
            if (hr.width != lr.width * scale || hr.height != lr.height * scale) {
                throw DadiffException.of(l, lr.width + "x" + lr.height + " is not 1/" + scale + " of its HR image "
                        + h.getFileName() + " (" + hr.width + "x" + hr.height + ")");
            }
            out.add(new Planes[] {hr, lr});
        }
        if (out.isEmpty()) {
            throw DadiffException.of(hrDir, "no HR image with a matching LR image in " + lrDir);
        }
        return new ValidationSet(out);
    }

    private static ValidationSet photos(Path dir, int scale, int crop, int count, DegradationPipeline pipeline) {
        if (Corpora.photosUnder(List.of(dir)).isEmpty()) {
            throw DadiffException.of(dir, "no photos for validation (and no HR/ and LR/x" + scale + "/ folders)");
        }
        List<Planes[]> out = new ArrayList<>();
        try (TrainingLoader loader = TrainingLoader.builder().setImages(List.of(dir)).optPipeline(pipeline)
                .optScale(scale).optCropSize(crop).optSeed(SEED).build()) {
            for (int i = 0; i < count; i++) {
                var p = loader.pair(i);
                out.add(new Planes[] {p.hr, p.lr});
            }
        }
        return new ValidationSet(out);
    }

    /** {mean PSNR of Gr against HR, mean PSNR of Gd against the LQ image}, in dB. */
    double[] evaluate(DegradationAwareModel model, NDManager manager) {
        double restore = 0;
        double degrade = 0;
        for (Planes[] p : pairs) {
            try (NDManager m = manager.newSubManager()) {
                NDArray x = Batches.of(m, List.of(p[0]));
                NDArray y = Batches.of(m, List.of(p[1]));
                if (model.domain().lqAtHrSize()) {
                    y = Upsample.bilinear(y, p[0].height, p[0].width);
                }
                try (Representation r = model.encode(y)) {
                    restore += Batches.psnr(model.restore(y, r), x);
                    degrade += Batches.psnr(model.degrade(x, r), y);
                }
            }
        }
        return new double[] {restore / pairs.size(), degrade / pairs.size()};
    }
}
