package org.dadiff4j.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.sampling.EpsilonModel;

/**
 * Runs a prior of fixed native size on an image of any larger size: overlapping tiles are denoised
 * (several per network call) and their noise predictions blended at every step with Gaussian
 * weights, as StableSR and DiffBIR do, so that no seam shows. Peak memory is that of one batch of
 * tiles, whatever the image size.
 */
public final class TiledPrior implements EpsilonModel {

    /** Gaussian weights of DiffBIR: variance 0.01 in tile-relative coordinates (sigma = tile/10). */
    static final double VARIANCE = TileGrid.VARIANCE;

    private final DiffusionPrior prior;
    private final TileGrid grid;
    private final int tile;
    private final int batch;

    /**
     * @param tile the tile side (the prior's native size)
     * @param overlap pixels shared by neighbouring tiles, below {@code tile}
     * @param batch tiles per network call
     */
    public TiledPrior(DiffusionPrior prior, int tile, int overlap, int batch) {
        this(prior, tile, overlap, batch, VARIANCE);
    }

    /** With another blending variance (tests compare it with near-uniform weights). */
    TiledPrior(DiffusionPrior prior, int tile, int overlap, int batch, double variance) {
        if (batch < 1) {
            throw new IllegalArgumentException("bad tiling: tile batch " + batch);
        }
        this.prior = prior;
        this.grid = new TileGrid(tile, overlap, 1, variance);
        this.tile = tile;
        this.batch = batch;
    }

    /** Tile origins along an axis of {@code length} (at least the tile), evenly spread, ends included. */
    static int[] origins(int length, int tile, int stride) {
        return TileGrid.origins(length, tile, stride, 1);
    }

    @Override
    public NDArray epsilon(NDArray x, NDArray t) {
        Shape s = x.getShape();
        if (s.get(2) == tile && s.get(3) == tile) {
            return checked(prior.epsilon(x, t));
        }
        NDManager m = x.getManager();
        float step = t.toFloatArray()[0];
        return grid.blend(m, s, batch, (group, sm) -> {
            NDList tiles = new NDList();
            for (TileGrid.Box b : group) {
                tiles.add(x.get(b.index()));
            }
            NDArray in = NDArrays.concat(tiles, 0);
            in.attach(sm);
            tiles.close();
            return checked(prior.epsilon(in, sm.full(new Shape(group.size()), step)));
        });
    }

    /** A NaN in the prior's output would turn into a black image: a failure, never a result. */
    private static NDArray checked(NDArray eps) {
        NonFiniteResult.check(eps, "diffusion prior");
        return eps;
    }
}
