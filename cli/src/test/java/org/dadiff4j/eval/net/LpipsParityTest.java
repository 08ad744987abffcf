package org.dadiff4j.eval.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.dadiff4j.DadiffException;
import org.dadiff4j.testutil.SharedData;
import org.dadiff4j.weights.PytorchCheckpoint;
import org.dadiff4j.weights.StateDict;
import org.junit.jupiter.api.Test;

/** LPIPS v0.1 against the official code (formula backbones, the real heads read from the legacy .pth files). */
class LpipsParityTest {

    @Test
    void alex() {
        check(Lpips.Net.ALEX, "alex", FormulaBackbones.alexnet());
    }

    @Test
    void vgg() {
        check(Lpips.Net.VGG, "vgg", FormulaBackbones.vgg16());
    }

    @Test
    void missingHeadIsAnError() {
        StateDict heads = PytorchCheckpoint.read(heads("alex"));
        StateDict partial = new StateDict(heads.source());
        heads.asMap().forEach((k, v) -> {
            if (!k.startsWith("lin3.")) {
                partial.put(k, v);
            }
        });
        DadiffException e = assertThrows(DadiffException.class,
                () -> Lpips.of(Lpips.Net.ALEX, FormulaBackbones.alexnet(), partial));
        assertTrue(e.getMessage().contains("lin3.model.1.weight"), e.getMessage());
    }

    private static Path heads(String net) {
        return SharedData.require(FormulaBackbones.ROOT + "lpips/official_weights/v0.1_" + net + ".pth");
    }

    private static void check(Lpips.Net net, String name, StateDict backbone) {
        JsonObject cases = RefData.json("lpips/lpips_results.json").getAsJsonObject("cases").getAsJsonObject(name);
        try (NDManager m = NDManager.newBaseManager();
                Lpips lpips = Lpips.of(net, backbone, PytorchCheckpoint.read(heads(name)))) {
            for (int p = 1; p <= 4; p++) {
                JsonObject ref = cases.getAsJsonObject("pair" + p);
                try (NDManager sub = m.newSubManager()) {
                    NDArray x0 = RefData.image(sub, "lpips/inputs/pair" + p + "_in0_u8.npy");
                    NDArray x1 = RefData.image(sub, "lpips/inputs/pair" + p + "_in1_u8.npy");
                    float d = lpips.distance(x0, x1).getFloat(0);
                    System.out.printf("LPIPS %s pair%d: %.9f, reference %.9f%n", name, p, d, ref.get("lpips").getAsDouble());
                    assertEquals(ref.get("lpips").getAsDouble(), d, 1e-5, name + " pair" + p);
                    float[] terms = lpips.layerTerms(x0, x1).toFloatArray();
                    JsonArray want = ref.getAsJsonArray("per_layer_lin");
                    for (int k = 0; k < 5; k++) {
                        assertEquals(want.get(k).getAsDouble(), terms[k], 5e-6, name + " pair" + p + " layer " + k);
                    }
                    if (p == 1 || p == 3) {
                        double diff = RefData.maxAbsDiff(lpips.spatialMap(x0, x1),
                                RefData.npy("lpips/" + name + "/pair" + p + "_spatial_map.npy"));
                        System.out.printf("LPIPS %s pair%d spatial map max diff %.3g%n", name, p, diff);
                        assertTrue(diff <= 1e-5, name + " pair" + p + " spatial map differs by " + diff);
                    }
                    if (p == 1) {
                        List<NDArray> feats = lpips.features(x0);
                        for (int k = 0; k < 5; k++) {
                            var ref0 = RefData.npy("lpips/" + name + "/pair1_in0_feat" + k + ".npy");
                            double diff = RefData.maxAbsDiff(feats.get(k), ref0);
                            double tol = 1e-4 * RefData.maxAbs(ref0.toFloats());
                            System.out.printf("LPIPS %s feat%d max diff %.3g (tolerance %.3g)%n", name, k, diff, tol);
                            assertTrue(diff <= tol, name + " feat" + k + " differs by " + diff + " > " + tol);
                        }
                    }
                }
            }
        }
    }
}
