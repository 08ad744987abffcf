package org.dadiff4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.dadiff4j.nn.TorchBlock;

/** Adapts a network block taking (x, t) to {@link DiffusionPrior}, in inference mode. */
public final class TorchPrior implements DiffusionPrior {

    private static final NDIndex EPSILON = new NDIndex(":, 0:3");

    private final TorchBlock network;
    private final int imageSize;
    private final int sizeMultiple;
    private final boolean learnsSigma;
    private final int tileSize;
    private final int tileOverlap;
    private final BetaSchedule betas;

    public TorchPrior(TorchBlock network, int imageSize, int sizeMultiple, boolean learnsSigma) {
        this(network, imageSize, sizeMultiple, learnsSigma, imageSize, -1, BetaSchedule.LINEAR_1000);
    }

    private TorchPrior(TorchBlock network, int imageSize, int sizeMultiple, boolean learnsSigma, int tileSize,
            int tileOverlap, BetaSchedule betas) {
        this.betas = betas;
        this.network = network;
        this.imageSize = imageSize;
        this.sizeMultiple = sizeMultiple;
        this.learnsSigma = learnsSigma;
        this.tileSize = tileSize;
        this.tileOverlap = tileOverlap;
    }

    /** The same network with another tile size (a multiple of {@link #sizeMultiple()}). */
    public TorchPrior withTileSize(int tile) {
        return withTiling(tile, -1);
    }

    /** The same network with another tile size and overlap (-1: the sampler's default). */
    public TorchPrior withTiling(int tile, int overlap) {
        if (tile < sizeMultiple || tile % sizeMultiple != 0) {
            throw new IllegalArgumentException("tile " + tile + " is not a multiple of " + sizeMultiple);
        }
        if (overlap < -1 || overlap >= tile) {
            throw new IllegalArgumentException("tile overlap " + overlap + " must be below the tile " + tile);
        }
        return new TorchPrior(network, imageSize, sizeMultiple, learnsSigma, tile, overlap, betas);
    }

    /** The same network, trained with {@code betas} (from its config). */
    public TorchPrior withBetas(BetaSchedule betas) {
        return new TorchPrior(network, imageSize, sizeMultiple, learnsSigma, tileSize, tileOverlap, betas);
    }

    @Override
    public BetaSchedule betaSchedule() {
        return betas;
    }

    @Override
    public int tileSize() {
        return tileSize;
    }

    @Override
    public int tileOverlap() {
        return tileOverlap;
    }

    @Override
    public NDArray forwardRaw(NDArray x, NDArray t) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(2) % sizeMultiple != 0 || s.get(3) % sizeMultiple != 0) {
            throw new IllegalArgumentException(
                    "input " + s + " must be NCHW with H and W multiples of " + sizeMultiple);
        }
        ParameterStore ps = new ParameterStore(x.getManager(), false);
        return network.forward(ps, new NDList(x, t), false).singletonOrThrow();
    }

    @Override
    public NDArray epsilon(NDArray x, NDArray t) {
        NDArray raw = forwardRaw(x, t);
        if (!learnsSigma) {
            return raw;
        }
        try (raw) {
            return raw.get(EPSILON);
        }
    }

    @Override
    public int imageSize() {
        return imageSize;
    }

    @Override
    public int sizeMultiple() {
        return sizeMultiple;
    }

    @Override
    public boolean learnsSigma() {
        return learnsSigma;
    }

    @Override
    public TorchBlock network() {
        return network;
    }
}
