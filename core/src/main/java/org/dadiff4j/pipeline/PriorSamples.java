package org.dadiff4j.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dadiff4j.image.Picture;
import org.dadiff4j.image.Tensors;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.sampling.DdimScheduler;
import org.dadiff4j.sampling.NoiseSchedule;
import org.dadiff4j.sampling.Sampler;
import org.dadiff4j.sampling.TorchNoise;
import org.dadiff4j.sampling.X0Hook;

/** Unconditional samples of a prior: the sanity check that a prior loaded and behaves. */
public final class PriorSamples {

    private PriorSamples() {}

    /**
     * One sample of {@code size} x {@code size} (tiled beyond the prior's native size).
     *
     * @param seed seeds the noise of this sample
     */
    public static Picture draw(DiffusionPrior prior, int size, int steps, float eta, long seed,
            ProgressListener progress) {
        if (size < prior.imageSize() || size % prior.sizeMultiple() != 0) {
            throw new org.dadiff4j.DadiffException("--size must be at least " + prior.imageSize()
                    + " and a multiple of " + prior.sizeMultiple() + ", got " + size);
        }
        DdimScheduler ddim = new DdimScheduler(NoiseSchedule.of(prior.betaSchedule()), eta);
        ddim.setTimesteps(steps);
        int tile = Math.min(size, prior.tileSize());
        TiledPrior model = new TiledPrior(prior, tile, Defaults.overlap(prior, tile), Defaults.TILE_BATCH);
        try (NDManager m = NDManager.newBaseManager()) {
            TorchNoise noise = new TorchNoise((int) seed);
            NDArray xT = noise.next(m, new Shape(1, 3, size, size));
            NDArray x = new Sampler(ddim).sample(model, xT, noise, X0Hook.NONE,
                    (s, x0, xNext) -> progress.stepDone(s.index() + 1, s.total()));
            return Tensors.fromNchw(Sampler.toImage(x), 8);
        }
    }
}
