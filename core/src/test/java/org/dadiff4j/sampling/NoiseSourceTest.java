package org.dadiff4j.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.dadiff4j.testutil.SharedData;
import org.dadiff4j.weights.Npy;
import org.junit.jupiter.api.Test;

class NoiseSourceTest {

    private static final Shape IMAGE = new Shape(1, 3, 64, 64);

    private static float[] load(String name) {
        return Npy.read(SharedData.require("reference/dadiff-loop-small/" + name)).toFloats();
    }

    /**
     * The reference inputs came from torch.Generator().manual_seed(20250215): rand(1,3,8,8), then
     * randn(1,3,64,64) = x_T, then randn(100,1,3,64,64) = the per-step noise.
     */
    @Test
    void torchNoiseReproducesTheSeededReferenceStream() {
        float[] xT = load("x_T.npy");
        float[] noise = load("noise.npy");
        try (NDManager m = NDManager.newBaseManager()) {
            NoiseSource torch = new TorchNoise(20250215);
            m.randomUniform(0f, 1f, new Shape(1, 3, 8, 8)).close();
            assertArrayEquals(xT, torch.next(m, IMAGE).toFloatArray(), "x_T");
            int n = Math.toIntExact(IMAGE.size());
            for (int k = 0; k < 100; k++) {
                assertArrayEquals(Arrays.copyOfRange(noise, k * n, (k + 1) * n),
                        torch.next(m, IMAGE).toFloatArray(), "noise step " + k);
            }
        }
    }

    @Test
    void arrayNoiseHandsOutConsecutiveBlocksThenStops() {
        float[] values = {1, 2, 3, 4, 5, 6};
        NoiseSource src = new ArrayNoise(values);
        try (NDManager m = NDManager.newBaseManager()) {
            assertArrayEquals(new float[] {1, 2, 3, 4}, src.next(m, new Shape(2, 2)).toFloatArray());
            assertArrayEquals(new float[] {5, 6}, src.next(m, new Shape(2)).toFloatArray());
            assertThrows(IllegalStateException.class, () -> src.next(m, new Shape(1)));
        }
    }
}
