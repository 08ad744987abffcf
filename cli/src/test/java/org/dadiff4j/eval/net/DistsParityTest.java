package org.dadiff4j.eval.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.dadiff4j.DadiffException;
import org.dadiff4j.testutil.SharedData;
import org.dadiff4j.weights.PytorchCheckpoint;
import org.dadiff4j.weights.StateDict;
import org.junit.jupiter.api.Test;

/** DISTS against the official code (formula VGG16, the real alpha/beta read from the legacy weights.pt). */
class DistsParityTest {

    private static final String[] PAIRS = {"pair1", "pair2", "pair3", "pair4_nonsquare"};

    private static Path weights() {
        return SharedData.require(FormulaBackbones.ROOT + "dists/official_weights/weights.pt");
    }

    @Test
    void allPairsAndStageOutputs() {
        JsonObject cases = RefData.json("dists/dists_results.json").getAsJsonObject("cases");
        try (NDManager m = NDManager.newBaseManager();
                Dists dists = Dists.of(FormulaBackbones.vgg16(), PytorchCheckpoint.read(weights()))) {
            NDList refs = new NDList();
            NDList dists0 = new NDList();
            for (String pair : PAIRS) {
                NDArray x = RefData.image(m, "dists/inputs/" + pair + "_ref_u8.npy");
                NDArray y = RefData.image(m, "dists/inputs/" + pair + "_dist_u8.npy");
                double want = cases.getAsJsonObject(pair).get("dists").getAsDouble();
                float got = dists.distance(x, y).getFloat(0);
                System.out.printf("DISTS %s: %.9f, reference %.9f%n", pair, got, want);
                assertEquals(want, got, 1e-5, pair);
                if (pair.equals("pair1")) {
                    List<NDArray> f = dists.features(x);
                    for (int k = 1; k <= 5; k++) {
                        var ref = RefData.npy("dists/pair1_ref_feat" + k + ".npy");
                        double diff = RefData.maxAbsDiff(f.get(k), ref);
                        double tol = 1e-4 * RefData.maxAbs(ref.toFloats());
                        System.out.printf("DISTS feat%d max diff %.3g (tolerance %.3g)%n", k, diff, tol);
                        assertTrue(diff <= tol, "feat" + k + " differs by " + diff);
                    }
                }
                if (!pair.equals("pair4_nonsquare")) {
                    refs.add(x);
                    dists0.add(y);
                }
            }
            // The three square pairs as one batch give the per-pair values.
            float[] batched = dists.distance(NDArrays.concat(refs), NDArrays.concat(dists0)).toFloatArray();
            for (int i = 0; i < 3; i++) {
                assertEquals(cases.getAsJsonObject(PAIRS[i]).get("dists").getAsDouble(), batched[i], 1e-5, "batched " + i);
            }
        }
    }

    @Test
    void wrongWeightsFileIsNamed() {
        StateDict notDists = PytorchCheckpoint.read(
                SharedData.require(FormulaBackbones.ROOT + "lpips/official_weights/v0.1_vgg.pth"));
        DadiffException e = assertThrows(DadiffException.class, () -> Dists.of(FormulaBackbones.vgg16(), notDists));
        assertTrue(e.getMessage().contains("v0.1_vgg.pth") && e.getMessage().contains("alpha"), e.getMessage());
    }
}
