package org.dadiff4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.SplittableRandom;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.models.adm.UNetModel;
import org.dadiff4j.sampling.NoiseSchedule;

/**
 * DDPM's simple loss (Ho et al. 2020, Eq. 14): x_t = sqrt(ᾱ_t)·x0 + sqrt(1-ᾱ_t)·ε on x0 = 2·hr - 1,
 * and the mean squared error between ε and the network's prediction ε_θ(x_t, t). The timesteps
 * and the noise are drawn in Java from a given generator, so they do not depend on the engine's.
 */
final class EpsilonLoss {

    private EpsilonLoss() {}

    /** A batch of noisy crops with its timesteps and noise. */
    record Sample(NDArray x0, int[] t, NDArray eps) {}

    /** Crops in [0, 1] with timesteps {@code t} and standard normal noise from {@code rng}. */
    static Sample draw(NDManager m, List<Planes> crops, int[] t, SplittableRandom rng) {
        NDArray x0 = Batches.of(m, crops).muli(2f).subi(1f);
        float[] noise = new float[Math.toIntExact(x0.size())];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) rng.nextGaussian();
        }
        return new Sample(x0, t, m.create(noise, x0.getShape()));
    }

    /** The scalar MSE(ε_θ(x_t, t), ε) over all elements (the batch mean of per-sample means). */
    static NDArray of(UNetModel net, ParameterStore ps, Sample s, NoiseSchedule schedule, boolean training) {
        int n = s.t().length;
        float[] signal = new float[n];
        float[] noise = new float[n];
        float[] times = new float[n];
        for (int i = 0; i < n; i++) {
            double ab = schedule.alphaBar(s.t()[i]);
            signal[i] = (float) Math.sqrt(ab);
            noise[i] = (float) Math.sqrt(1 - ab);
            times[i] = s.t()[i];
        }
        NDManager m = s.x0().getManager();
        Shape column = new Shape(n, 1, 1, 1);
        NDArray xt = s.x0().mul(m.create(signal, column)).addi(s.eps().mul(m.create(noise, column)));
        NDArray out = net.forward(ps, new NDList(xt, m.create(times)), training).singletonOrThrow();
        return out.sub(s.eps()).square().mean();
    }
}
