package org.dadiff4j.eval.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** pytorch-fid's InceptionV3 pool3 features against the official code (formula weights, g = 3.5). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FidInceptionParityTest {

    private FidInception fid;

    @BeforeAll
    void build() {
        fid = FidInception.of(FormulaBackbones.inception());
    }

    @AfterAll
    void free() {
        if (fid != null) {
            fid.close();
        }
    }

    /** batch1 block by block: image 0's intermediates, then both images' pool3. */
    @Test
    void batch1BlocksAndPool3() {
        double[] tolerance = {1e-5, 1e-5, 2e-4, 2e-4};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray images = RefData.image(m, "fid/inputs/batch1_u8.npy");
            ParameterStore ps = new ParameterStore(m, false);
            InceptionV3 net = fid.network();
            NDArray h = net.preprocess(images);
            check("input299", h.get("0:1"), 1e-5);
            for (int b = 0; b < InceptionV3.BLOCKS; b++) {
                NDArray next = net.block(ps, b, h);
                h.close();
                h = next;
                check("block" + b, h.get("0:1"), tolerance[b]);
            }
            double diff = RefData.maxAbsDiff(h.reshape(2, InceptionV3.FEATURES), RefData.npy("fid/batch1_pool3.npy"));
            System.out.printf("FID batch1 pool3 max diff %.3g%n", diff);
            assertTrue(diff <= 1e-3, "pool3 differs by " + diff);
        }
    }

    /** batch2 (384×320, shrunk to 299 without antialiasing) through the public entry point. */
    @Test
    void batch2Pool3() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] rows = fid.activations(RefData.image(m, "fid/inputs/batch2_u8.npy"));
            assertEquals(2, rows.length);
            float[] flat = new float[2 * InceptionV3.FEATURES];
            System.arraycopy(rows[0], 0, flat, 0, InceptionV3.FEATURES);
            System.arraycopy(rows[1], 0, flat, InceptionV3.FEATURES, InceptionV3.FEATURES);
            double diff = RefData.maxAbsDiff(flat, RefData.npy("fid/batch2_pool3.npy").toFloats());
            System.out.printf("FID batch2 pool3 max diff %.3g%n", diff);
            assertTrue(diff <= 1e-3, "pool3 differs by " + diff);
        }
    }

    private static void check(String name, NDArray got, double tol) {
        double diff = RefData.maxAbsDiff(got, RefData.npy("fid/batch1_img0_" + name + ".npy"));
        System.out.printf("FID batch1 img0 %s max diff %.3g (tolerance %.0e)%n", name, diff, tol);
        assertTrue(diff <= tol, name + " differs by " + diff);
    }
}
