package org.dadiff4j.nn;

import static org.dadiff4j.nn.Weights.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConvLinearTest {

    @Test
    void conv2dBoxKernelCountsNeighboursPlusBias() {
        try (NDManager m = NDManager.newBaseManager()) {
            Conv2d conv = Conv2d.builder().setInChannels(1).setOutChannels(1).setKernel(3).optPadding(1).build();
            assertEquals("[1, 1, 3, 3]", Arrays.toString(conv.stateDict().get("weight").getShape().getShape()));
            Weights.init(conv, m);
            float[] ones = new float[9];
            Arrays.fill(ones, 1f);
            Weights.set(conv, "weight", ones);
            Weights.set(conv, "bias", 0.5f);
            float[] y = Weights.run(conv, m.ones(new Shape(1, 1, 3, 3)));
            assertArrayEquals(new float[] {4.5f, 6.5f, 4.5f, 6.5f, 9.5f, 6.5f, 4.5f, 6.5f, 4.5f}, y);
        }
    }

    @Test
    void conv2dStrideAndGroups() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Depthwise 1x1 with stride 2 picks every other pixel, scaled per channel.
            Conv2d conv = Conv2d.builder().setInChannels(2).setOutChannels(2).setKernel(1).optStride(2)
                    .optGroups(2).optBias(false).build();
            assertEquals(1, conv.stateDict().size());
            Weights.init(conv, m);
            Weights.set(conv, "weight", 2f, -1f);
            NDArray x = m.arange(0f, 32f).reshape(1, 2, 4, 4);
            assertArrayEquals(new float[] {0, 4, 16, 20, -16, -18, -24, -26}, Weights.run(conv, x));
        }
    }

    @Test
    void conv1dKernelOneAndLinearAreMatrixProducts() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] w = {1, 2, 3, -1, 0, 1};
            float[] b = {0.5f, -0.5f};
            Linear linear = Linear.builder().setInFeatures(3).setOutFeatures(2).build();
            Weights.init(linear, m);
            Weights.set(linear, "weight", w);
            Weights.set(linear, "bias", b);
            // [1, 1, 1] -> [6.5, -0.5]; [1, 0, -1] -> [-1.5, -2.5]
            assertArrayEquals(new float[] {6.5f, -0.5f, -1.5f, -2.5f},
                    Weights.run(linear, m.create(new float[] {1, 1, 1, 1, 0, -1}, new Shape(2, 3))));

            Conv1d conv = Conv1d.builder().setInChannels(3).setOutChannels(2).setKernel(1).build();
            assertEquals("[2, 3, 1]", Arrays.toString(conv.stateDict().get("weight").getShape().getShape()));
            Weights.init(conv, m);
            Weights.set(conv, "weight", w);
            Weights.set(conv, "bias", b);
            // Channels-first [1, 3, 2]: positions are the two vectors above.
            NDArray x = m.create(new float[] {1, 1, 1, 0, 1, -1}, new Shape(1, 3, 2));
            assertClose(new float[] {6.5f, -1.5f, -0.5f, -2.5f}, Weights.run(conv, x), 0);
        }
    }
}
