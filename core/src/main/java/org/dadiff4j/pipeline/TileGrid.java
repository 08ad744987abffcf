package org.dadiff4j.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Overlapping square tiles over an image, and the blend of per-tile results with Gaussian weights
 * (DiffBIR's: variance 0.01 in tile-relative coordinates), so that a per-tile computation leaves no
 * seam. The prior's noise prediction and the guidance networks are tiled with it.
 */
final class TileGrid {

    /** Gaussian weights of DiffBIR: variance 0.01 in tile-relative coordinates (sigma = tile/10). */
    static final double VARIANCE = 0.01;

    /** A tile: its top-left corner and side, in the pixels of the image being tiled. */
    record Box(int y, int x, int size) {
        NDIndex index() {
            return new NDIndex(":, :, {}:{}, {}:{}", y, y + size, x, x + size);
        }

        /** The same region in an image {@code k} times smaller (corners are multiples of k). */
        NDIndex index(int k) {
            return new NDIndex(":, :, {}:{}, {}:{}", y / k, (y + size) / k, x / k, (x + size) / k);
        }
    }

    private final int tile;
    private final int stride;
    private final int align;
    private final float[] weights;

    /**
     * @param overlap pixels shared by neighbouring tiles, below {@code tile}
     * @param align tile corners are multiples of this (the tile and image sides must be too)
     */
    TileGrid(int tile, int overlap, int align, double variance) {
        if (overlap < 0 || overlap >= tile || align < 1 || tile % align != 0) {
            throw new IllegalArgumentException("bad tiling: tile " + tile + ", overlap " + overlap + ", align " + align);
        }
        this.tile = tile;
        this.stride = tile - overlap;
        this.align = align;
        this.weights = weights(tile, variance);
    }

    int tile() {
        return tile;
    }

    /**
     * Tile origins along an axis of {@code length} (at least the tile), evenly spread, ends included,
     * rounded to multiples of {@code align}.
     */
    static int[] origins(int length, int tile, int stride, int align) {
        if (length < tile) {
            throw new IllegalArgumentException("image side " + length + " is below the tile size " + tile);
        }
        int n = length == tile ? 1 : (length - tile + stride - 1) / stride + 1;
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = n == 1 ? 0 : Math.round((float) i * (length - tile) / (n - 1) / align) * align;
        }
        return o;
    }

    /** The tiles covering an image of {@code h} x {@code w}, row by row. */
    List<Box> boxes(int h, int w) {
        if (h % align != 0 || w % align != 0) {
            throw new IllegalArgumentException("image " + h + "x" + w + " is not a multiple of " + align);
        }
        List<Box> boxes = new ArrayList<>();
        for (int y0 : origins(h, tile, stride, align)) {
            for (int x0 : origins(w, tile, stride, align)) {
                boxes.add(new Box(y0, x0, tile));
            }
        }
        return boxes;
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

    /**
     * Blends per-tile results into one image of {@code shape} ([1, C, H, W]). {@code run} gets up to
     * {@code batch} boxes and a sub-manager, closed after each group, that its inputs should be
     * attached to, so that only one group's intermediates are alive; it returns the group's results
     * as [n, C, tile, tile].
     */
    NDArray blend(NDManager m, Shape shape, int batch, BiFunction<List<Box>, NDManager, NDArray> run) {
        List<Box> boxes = boxes((int) shape.get(2), (int) shape.get(3));
        NDArray weight = m.create(weights, new Shape(1, 1, tile, tile));
        NDArray acc = m.zeros(shape);
        NDArray norm = m.zeros(new Shape(1, 1, shape.get(2), shape.get(3)));
        for (int start = 0; start < boxes.size(); start += batch) {
            List<Box> group = boxes.subList(start, Math.min(boxes.size(), start + batch));
            try (NDManager sm = m.newSubManager()) {
                NDArray out = run.apply(group, sm);
                out.attach(sm);
                for (int i = 0; i < group.size(); i++) {
                    NDIndex idx = group.get(i).index();
                    NDArray e = out.get(i).expandDims(0).muli(weight);
                    acc.set(idx, acc.get(idx).addi(e));
                    norm.set(idx, norm.get(idx).addi(weight));
                }
            }
        }
        weight.close();
        NDArray result = acc.divi(norm);
        norm.close();
        return result;
    }
}
