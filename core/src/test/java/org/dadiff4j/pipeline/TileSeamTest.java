package org.dadiff4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.load.Priors;
import org.dadiff4j.testutil.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tiles leave no seam: on a smooth image, the blended noise prediction (what every sampling step
 * uses) jumps across tile borders no more than it typically jumps between neighbouring pixels
 * inside tiles.
 * The prior's predictions differ near each tile's edge (zero padding), so an unweighted average
 * does show the borders; the test checks that too, so it can tell.
 */
class TileSeamTest {

    private static final int SIZE = 160;
    /**
     * A border may jump at most this much more than the mean neighbour jump inside tiles (the
     * worst of a dozen ordinary columns is already ~1.05x the mean; measured: Gaussian blending
     * 1.02x, unweighted 1.74x).
     */
    private static final double LIMIT = 1.25;
    private static NDManager manager;
    private static DiffusionPrior prior;

    @BeforeAll
    static void load() {
        Path dir = SharedData.require("reference/adm-small");
        manager = NDManager.newBaseManager();
        prior = Priors.load(dir.resolve("model.pt"), dir.resolve("config.json"), manager);
    }

    @AfterAll
    static void close() {
        if (manager != null) {
            manager.close();
        }
    }

    /** Worst jump across a tile border over the mean jump between other neighbours. */
    static double seamRatio(float[] field, int tile, int overlap) {
        Set<Integer> seams = new HashSet<>();
        for (int o : TiledPrior.origins(SIZE, tile, tile - overlap)) {
            seams.add(o);
            seams.add(o + tile);
        }
        double seam = 0;
        double inside = 0;
        int n = 0;
        for (boolean columns : new boolean[] {true, false}) {
            for (int a = 1; a < SIZE; a++) {
                double d = 0;
                for (int c = 0; c < 3; c++) {
                    for (int b = 0; b < SIZE; b++) {
                        int i = columns ? (c * SIZE + b) * SIZE + a : (c * SIZE + a) * SIZE + b;
                        int j = columns ? i - 1 : i - SIZE;
                        d += Math.abs(field[i] - field[j]) / (3.0 * SIZE);
                    }
                }
                if (seams.contains(a)) {
                    seam = Math.max(seam, d);
                } else {
                    inside += d;
                    n++;
                }
            }
        }
        return seam / (inside / n);
    }

    private static float[] blendedEpsilon(TiledPrior tiled) {
        try (NDManager m = manager.newSubManager()) {
            float[] v = new float[3 * SIZE * SIZE];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        v[(c * SIZE + y) * SIZE + x] = (float) (0.6 * Math.sin(0.05 * x + 0.04 * y + c));
                    }
                }
            }
            NDArray x = m.create(v, new Shape(1, 3, SIZE, SIZE));
            return tiled.epsilon(x, m.create(new float[] {500f})).toFloatArray();
        }
    }

    @Test
    void blendedTilesLeaveNoSeam() {
        int tile = prior.imageSize();
        int overlap = Math.round(tile * Defaults.TILE_OVERLAP);
        double ratio = seamRatio(blendedEpsilon(new TiledPrior(prior, tile, overlap, 2)), tile, overlap);
        assertTrue(ratio <= LIMIT, "seam jumps are " + ratio + "x the mean jump inside tiles");
    }

    @Test
    void theMeasureSeesSeamsOfAnUnweightedAverage() {
        int tile = prior.imageSize();
        int overlap = Math.round(tile * Defaults.TILE_OVERLAP);
        double ratio = seamRatio(blendedEpsilon(new TiledPrior(prior, tile, overlap, 2, 1e9)), tile, overlap);
        assertTrue(ratio > LIMIT, "uniform weights should show the borders, ratio " + ratio);
    }
}
