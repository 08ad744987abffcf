package org.dadiff4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.dadiff4j.DadiffException;
import org.dadiff4j.data.Corpora;
import org.dadiff4j.data.Seeds;
import org.dadiff4j.data.TrainingLoader;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.models.adm.UNetModel;
import org.dadiff4j.sampling.NoiseSchedule;

/**
 * The epsilon-MSE of a prior on fixed held-out crops at a few fixed timesteps: crops, timesteps
 * and noise are all drawn from a fixed seed, so every validation of every run scores the same
 * inputs and the numbers are comparable across steps and runs.
 */
final class PriorValidation {

    /** Low, middle and high noise. */
    static final int[] TIMESTEPS = {100, 500, 900};
    private static final long SEED = 20250215L;
    private static final int CHUNK = 16;

    private final List<Planes> crops;

    private PriorValidation(List<Planes> crops) {
        this.crops = crops;
    }

    static PriorValidation load(Path dir, int crop, double prescale, int count) {
        if (!Files.isDirectory(dir)) {
            throw DadiffException.of(dir, "no such folder (validation photos)");
        }
        if (Corpora.photosUnder(List.of(dir)).isEmpty()) {
            throw DadiffException.of(dir, "no photos for validation");
        }
        List<Planes> out = new ArrayList<>();
        try (TrainingLoader loader = TrainingLoader.builder().setImages(List.of(dir)).optCropsOnly().optScale(1)
                .optCropSize(crop).optPrescale(prescale).optSeed(SEED).build()) {
            for (int i = 0; i < count; i++) {
                out.add(loader.pair(i).hr);
            }
        }
        return new PriorValidation(out);
    }

    /** val.csv's columns after the step: one MSE per timestep, then their mean. */
    static String header() {
        StringBuilder sb = new StringBuilder("step");
        for (int t : TIMESTEPS) {
            sb.append(",mse_t").append(t);
        }
        return sb.append(",mse_mean").toString();
    }

    /** The mean ε-MSE over the crops at each of {@link #TIMESTEPS}, then the mean of those. */
    double[] evaluate(UNetModel net, NoiseSchedule schedule, NDManager manager) {
        double[] out = new double[TIMESTEPS.length + 1];
        for (int k = 0; k < TIMESTEPS.length; k++) {
            SplittableRandom rng = new SplittableRandom(Seeds.of(SEED, k));
            double sum = 0;
            for (int from = 0; from < crops.size(); from += CHUNK) {
                List<Planes> chunk = crops.subList(from, Math.min(crops.size(), from + CHUNK));
                int[] t = new int[chunk.size()];
                Arrays.fill(t, TIMESTEPS[k]);
                try (NDManager m = manager.newSubManager()) {
                    EpsilonLoss.Sample s = EpsilonLoss.draw(m, chunk, t, rng);
                    sum += EpsilonLoss.of(net, new ParameterStore(m, false), s, schedule, false).getFloat()
                            * chunk.size();
                }
            }
            out[k] = sum / crops.size();
            out[TIMESTEPS.length] += out[k] / TIMESTEPS.length;
        }
        return out;
    }
}
