package org.dadiff4j.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
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
    static final double VARIANCE = 0.01;

    private final DiffusionPrior prior;
    private final int tile;
    private final int stride;
    private final int batch;
    private final float[] weights;

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
        if (overlap < 0 || overlap >= tile || batch < 1) {
            throw new IllegalArgumentException("bad tiling: tile " + tile + ", overlap " + overlap + ", batch " + batch);
        }
        this.prior = prior;
        this.tile = tile;
        this.stride = tile - overlap;
        this.batch = batch;
        this.weights = weights(tile, variance);
    }

    /** Tile origins along an axis of {@code length} (at least the tile), evenly spread, ends included. */
    static int[] origins(int length, int tile, int stride) {
        if (length < tile) {
            throw new IllegalArgumentException("image side " + length + " is below the tile size " + tile);
        }
        int n = length == tile ? 1 : (length - tile + stride - 1) / stride + 1;
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = n == 1 ? 0 : Math.round((float) i * (length - tile) / (n - 1));
        }
        return o;
    }

    /** The blending weight of each tile pixel, row-major. */
    static float[] weights(int tile, double variance) {
        double[] axis = new double[tile];
        double mid = (tile - 1) / 2.0;
        for (int i = 0; i < tile; i++) {
            double d = (i - mid) / tile;
            axis[i] = Math.exp(-d * d / (2 * variance));
        }
        float[] w = new float[tile * tile];
        for (int y = 0; y < tile; y++) {
            for (int x = 0; x < tile; x++) {
                w[y * tile + x] = (float) (axis[y] * axis[x]);
            }
        }
        return w;
    }

    @Override
    public NDArray epsilon(NDArray x, NDArray t) {
        Shape s = x.getShape();
        int h = (int) s.get(2);
        int w = (int) s.get(3);
        if (h == tile && w == tile) {
            return prior.epsilon(x, t);
        }
        NDManager m = x.getManager();
        List<int[]> boxes = new ArrayList<>();
        for (int y0 : origins(h, tile, stride)) {
            for (int x0 : origins(w, tile, stride)) {
                boxes.add(new int[] {y0, x0});
            }
        }
        NDArray weight = m.create(weights, new Shape(1, 1, tile, tile));
        NDArray acc = m.zeros(s);
        NDArray norm = m.zeros(new Shape(1, 1, h, w));
        float step = t.toFloatArray()[0];
        for (int start = 0; start < boxes.size(); start += batch) {
            List<int[]> group = boxes.subList(start, Math.min(boxes.size(), start + batch));
            try (NDManager sm = m.newSubManager()) {
                NDList tiles = new NDList();
                for (int[] b : group) {
                    tiles.add(x.get(index(b)));
                }
                NDArray in = NDArrays.concat(tiles, 0);
                in.attach(sm);
                NDArray ts = sm.full(new Shape(group.size()), step);
                NDArray eps = prior.epsilon(in, ts);
                eps.attach(sm);
                for (int i = 0; i < group.size(); i++) {
                    NDIndex idx = index(group.get(i));
                    NDArray e = eps.get(i).expandDims(0).muli(weight);
                    acc.set(idx, acc.get(idx).addi(e));
                    norm.set(idx, norm.get(idx).addi(weight));
                }
                tiles.close();
            }
        }
        weight.close();
        NDArray out = acc.divi(norm);
        norm.close();
        return out;
    }

    private NDIndex index(int[] box) {
        return new NDIndex(":, :, {}:{}, {}:{}", box[0], box[0] + tile, box[1], box[1] + tile);
    }
}
