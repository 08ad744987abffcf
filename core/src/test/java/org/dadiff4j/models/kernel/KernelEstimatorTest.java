package org.dadiff4j.models.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dadiff4j.DadiffException;
import org.dadiff4j.degrade.Kernel;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.weights.WeightsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelEstimatorTest {

    @Test
    void outputsAreNormalisedKernelsForAnyInputSize() {
        try (NDManager m = NDManager.newBaseManager()) {
            KernelEstimator e = KernelEstimator.builder().build().initialized(m);
            assertTrue(e.parameterCount() > 100_000 && e.parameterCount() < 500_000, "params " + e.parameterCount());
            for (int[] hw : new int[][] {{16, 16}, {37, 24}}) {
                NDArray k = e.estimate(m.randomUniform(0, 1, new Shape(2, 3, hw[0], hw[1])));
                assertArrayEquals(new long[] {2, 21, 21}, k.getShape().getShape());
                float[] w = k.toFloatArray();
                for (int n = 0; n < 2; n++) {
                    double sum = 0;
                    for (int i = 0; i < 441; i++) {
                        assertTrue(w[n * 441 + i] >= 0);
                        sum += w[n * 441 + i];
                    }
                    assertEquals(1.0, sum, 1e-5);
                }
            }
        }
    }

    @Test
    void stateDictNamesAndShapesFollowTheLayout() {
        KernelEstimator e = KernelEstimator.builder().optKernelSize(15).optWidth(8).build();
        assertArrayEquals(new long[] {8, 3, 3, 3}, e.stateDict().get("conv_in.weight").getShape().getShape());
        assertArrayEquals(new long[] {16, 8, 3, 3}, e.stateDict().get("body.0.weight").getShape().getShape());
        assertArrayEquals(new long[] {32, 16, 3, 3}, e.stateDict().get("body.4.weight").getShape().getShape());
        assertArrayEquals(new long[] {225, 32}, e.stateDict().get("head.weight").getShape().getShape());
        assertEquals(16, e.stateDict().size());
    }

    @Test
    void saveAndLoadRoundTrip(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            KernelEstimator e = KernelEstimator.builder().optKernelSize(11).optWidth(8).optScale(4).build()
                    .initialized(m);
            JsonObject extra = new JsonObject();
            extra.addProperty("note", "test");
            e.save(dir.resolve("est"), extra);
            assertTrue(Files.exists(dir.resolve("est.safetensors")));
            assertEquals("test", WeightsFile.load(dir.resolve("est")).config().get("note").getAsString());
            KernelEstimator back = KernelEstimator.load(dir.resolve("est"), m);
            assertEquals(11, back.kernelSize());
            assertEquals(4, back.scale());
            NDArray x = m.randomUniform(0, 1, new Shape(1, 3, 20, 20));
            assertArrayEquals(e.estimate(x).toFloatArray(), back.estimate(x).toFloatArray());
            Planes p = Planes.zeros(20, 20, 3);
            float[] chw = x.toFloatArray();
            for (int c = 0; c < 3; c++) {
                System.arraycopy(chw, c * 400, p.c[c], 0, 400);
            }
            Kernel k = back.estimate(p, m);
            assertArrayEquals(e.estimate(x).toFloatArray(), k.w);
        }
    }

    @Test
    void foreignConfigIsAUserError(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            KernelEstimator e = KernelEstimator.builder().optWidth(4).build().initialized(m);
            e.save(dir.resolve("est"), null);
            Files.writeString(dir.resolve("est.json"), "{\"model\": \"unet\"}");
            assertThrows(DadiffException.class, () -> KernelEstimator.load(dir.resolve("est"), m));
            Files.writeString(dir.resolve("est.json"), "{\"model\": \"kernel-estimator\", \"kernelSize\": 21, \"width\": 8}");
            assertThrows(DadiffException.class, () -> KernelEstimator.load(dir.resolve("est"), m));
        }
    }
}
