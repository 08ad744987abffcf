package org.dadiff4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** ReflectionPad2d and ConvTranspose2d against their definitions written out as loops. */
class ShapeOpsTest {

    private static int reflect(int k, int n) {
        return k < 0 ? -k : k >= n ? 2 * (n - 1) - k : k;
    }

    @Test
    void reflectionPadMirrorsWithoutRepeatingTheBorder() {
        int h = 3;
        int w = 4;
        int p = 2;
        float[] in = new float[h * w];
        for (int i = 0; i < in.length; i++) {
            in[i] = i;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = new ReflectionPad2d(p).apply(new ParameterStore(m, false), m.create(in, new Shape(1, 1, h, w)), false);
            assertEquals(new Shape(1, 1, h + 2 * p, w + 2 * p), y.getShape());
            float[] got = y.toFloatArray();
            for (int i = 0; i < h + 2 * p; i++) {
                for (int j = 0; j < w + 2 * p; j++) {
                    assertEquals(in[reflect(i - p, h) * w + reflect(j - p, w)], got[i * (w + 2 * p) + j]);
                }
            }
        }
    }

    @Test
    void convTransposeIsOnePatchPerPixel() {
        int n = 2;
        int cin = 3;
        int cout = 2;
        int h = 2;
        int w = 3;
        int k = 2;
        float[] x = new float[n * cin * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.cos(0.7 * i);
        }
        float[] wt = new float[cin * cout * k * k];
        for (int i = 0; i < wt.length; i++) {
            wt[i] = (float) Math.sin(1.3 * i + 0.5);
        }
        float[] b = {0.25f, -0.5f};
        try (NDManager m = NDManager.newBaseManager()) {
            ConvTranspose2d up = new ConvTranspose2d(cin, cout, k, true);
            up.initialize(m, DataType.FLOAT32);
            up.stateDict().get("weight").getArray().set(wt);
            up.stateDict().get("bias").getArray().set(b);
            NDArray y = up.apply(new ParameterStore(m, false), m.create(x, new Shape(n, cin, h, w)), false);
            assertEquals(new Shape(n, cout, h * k, w * k), y.getShape());
            float[] got = y.toFloatArray();
            float[] want = new float[got.length];
            for (int s = 0; s < n; s++) {
                for (int o = 0; o < cout; o++) {
                    for (int i = 0; i < h * k; i++) {
                        for (int j = 0; j < w * k; j++) {
                            double acc = b[o];
                            for (int c = 0; c < cin; c++) {
                                acc += x[((s * cin + c) * h + i / k) * w + j / k]
                                        * wt[((c * cout + o) * k + i % k) * k + j % k];
                            }
                            want[((s * cout + o) * h * k + i) * w * k + j] = (float) acc;
                        }
                    }
                }
            }
            assertArrayEquals(want, got, 1e-5f);
        }
    }
}
