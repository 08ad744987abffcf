package org.dadiff4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.dadiff4j.testutil.GarbageChurn;
import org.junit.jupiter.api.Test;

/** Values as DJL's Number overloads give them, and gradients that survive a garbage collection. */
class ScalarsTest {

    private static final float[] X = {-2f, -0.5f, 0f, 1.5f, 3f};

    @Test
    void valuesMatchTheNumberOverloads() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X);
            assertArrayEquals(x.mul(0.3f).toFloatArray(), Scalars.mul(x, 0.3f).toFloatArray());
            assertArrayEquals(x.div(7f).toFloatArray(), Scalars.div(x, 7f).toFloatArray());
            assertArrayEquals(x.maximum(0.25f).toFloatArray(), Scalars.maximum(x, 0.25f).toFloatArray());
            assertArrayEquals(new float[] {-6f, -1.5f, 0f, 4.5f, 9f}, Scalars.muli(x.duplicate(), 3f).toFloatArray());
            assertArrayEquals(new float[] {-1f, -0.25f, 0f, 0.75f, 1.5f}, Scalars.divi(x.duplicate(), 2f).toFloatArray());
        }
    }

    /** d/dx Σ f(x) after a collection between forward and backward: 3, 1/4 and the step of max(x, 0.25). */
    @Test
    void gradientsSurviveACollectionBeforeBackward() {
        assertArrayEquals(new float[] {3f, 3f, 3f, 3f, 3f}, gradient(x -> Scalars.mul(x, 3f)));
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0.25f}, gradient(x -> Scalars.div(x, 4f)));
        assertArrayEquals(new float[] {0f, 0f, 0f, 1f, 1f}, gradient(x -> Scalars.maximum(x, 0.25f)));
        assertArrayEquals(new float[] {3f, 3f, 3f, 3f, 3f}, gradient(x -> Scalars.muli(x.add(0f), 3f)));
    }

    private static float[] gradient(Function<NDArray, NDArray> f) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X, new Shape(X.length));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray sum = f.apply(x).sum();
                GarbageChurn.run();
                gc.backward(sum);
            }
            return x.getGradient().toFloatArray();
        }
    }
}
