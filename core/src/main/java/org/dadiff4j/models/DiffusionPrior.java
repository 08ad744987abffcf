package org.dadiff4j.models;

import ai.djl.ndarray.NDArray;
import org.dadiff4j.nn.TorchBlock;

/**
 * The role of a pretrained diffusion network: given a noisy image and its timestep, predict the
 * noise. It runs no schedule; it only states, from its config, the betas it was trained with
 * ({@link #betaSchedule}), from which the sampler builds its noise levels, as guided-diffusion and
 * diffusers keep the schedule's config with the model.
 */
public interface DiffusionPrior {

    /**
     * The predicted noise for {@code x} [N, 3, H, W] (image units, [-1, 1] when clean) at the
     * float32 integer-valued timesteps {@code t} [N] in 0..999; returns [N, 3, H, W].
     */
    NDArray epsilon(NDArray x, NDArray t);

    /** The network's whole output: [N, 6, H, W] (ε then variance values) when {@link #learnsSigma()}. */
    NDArray forwardRaw(NDArray x, NDArray t);

    /** The betas it was trained with (its config's; by default DDPM's linear 1000 steps). */
    default BetaSchedule betaSchedule() {
        return BetaSchedule.LINEAR_1000;
    }

    /** The image size the network was trained at. */
    int imageSize();

    /**
     * The tile side to run it on in a tiled sampler: the training size unless its config says
     * otherwise (a convolutional prior trained on small crops runs well, and cheaper, on larger tiles).
     */
    default int tileSize() {
        return imageSize();
    }

    /**
     * The overlap of neighbouring tiles its config asks for, or -1 to leave it to the sampler. A
     * config sets it so that the tile stride (tile - overlap) divides the usual image sides: then the
     * tiles cover every size with the same overlap and the work per pixel does not grow with size.
     */
    default int tileOverlap() {
        return -1;
    }

    /** Input heights and widths must be multiples of this (2^(levels-1)), so that the skips line up. */
    int sizeMultiple();

    /** True when the output has learned-variance channels after the three ε channels. */
    boolean learnsSigma();

    /** The network, whose {@code stateDict()} keys are the official checkpoint's. */
    TorchBlock network();
}
