package org.dadiff4j.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dadiff4j.testutil.SharedData;
import org.junit.jupiter.api.Test;

class NpyTest {

    @Test
    void readsReferenceTensorWithRecordedStatistics() {
        // cases.json: y_lr shape [1,3,16,16], min 0.06790953874588013, max 0.9762143492698669
        Npy.Array a = Npy.read(SharedData.require("reference/dadiff-loop-small/y_lr.npy"));
        assertEquals("f4", a.dtype);
        assertArrayEquals(new long[] {1, 3, 16, 16}, a.shape);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : a.toFloats()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0.06790953874588013f, min);
        assertEquals(0.9762143492698669f, max);
    }
}
