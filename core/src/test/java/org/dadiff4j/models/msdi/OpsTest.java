package org.dadiff4j.models.msdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class OpsTest {

    /** PyTorch's legacy nearest: source index floor(i * in / out) in float. */
    @Test
    void nearestPicksFloorOfScaledIndex() {
        int[][] sizes = {{3, 5, 6, 10}, {4, 6, 3, 4}, {2, 3, 5, 7}};
        try (NDManager m = NDManager.newBaseManager()) {
            for (int[] s : sizes) {
                int h = s[0];
                int w = s[1];
                float[] in = new float[h * w];
                for (int i = 0; i < in.length; i++) {
                    in[i] = i;
                }
                float[] got = Ops.nearest(m.create(in, new Shape(1, 1, h, w)), s[2], s[3]).toFloatArray();
                for (int i = 0; i < s[2]; i++) {
                    for (int j = 0; j < s[3]; j++) {
                        int si = Math.min((int) Math.floor(i * ((float) h / s[2])), h - 1);
                        int sj = Math.min((int) Math.floor(j * ((float) w / s[3])), w - 1);
                        assertEquals(in[si * w + sj], got[i * s[3] + j], "size " + java.util.Arrays.toString(s));
                    }
                }
            }
        }
    }
}
