package org.dadiff4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BilinearTapsTest {

    @Test
    void sizeSemanticsUseInOverOut() {
        // 5 -> 2 by size: scale 2.5, positions 0.75 and 3.25.
        BilinearTaps t = BilinearTaps.ofSize(5, 2);
        assertEquals(0, t.index0(0));
        assertEquals(1, t.index1(0));
        assertEquals(0.75f, t.weight1(0));
        assertEquals(3, t.index0(1));
        assertEquals(0.25f, t.weight1(1));
        assertEquals(0.75f, t.weight0(1));
    }

    @Test
    void scaleFactorSemanticsUseTheFactor() {
        // 5 x 0.5 gives floor(2.5) = 2 samples, but at scale 1/0.5 = 2: positions 0.5 and 2.5,
        // not those of size=2 above (PyTorch: F.interpolate(x, scale_factor=0.5) != size=2 here).
        BilinearTaps t = BilinearTaps.ofFactor(5, 2, 0.5);
        assertEquals(0, t.index0(0));
        assertEquals(0.5f, t.weight1(0));
        assertEquals(2, t.index0(1));
        assertEquals(3, t.index1(1));
        assertEquals(0.5f, t.weight1(1));
    }

    @Test
    void enlargingClampsAtBothEdges() {
        // 2 -> 4: positions max(-0.25, 0) = 0, 0.25, 0.75, 1.25 (read as the last sample twice).
        BilinearTaps t = BilinearTaps.ofSize(2, 4);
        assertEquals(0f, t.weight1(0));
        assertEquals(0.25f, t.weight1(1));
        assertEquals(0.75f, t.weight1(2));
        assertEquals(1, t.index0(3));
        assertEquals(1, t.index1(3));
    }
}
