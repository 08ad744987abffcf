package org.dadiff4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.dadiff4j.degrade.Planes;
import org.junit.jupiter.api.Test;

class AugmentTest {

    // 3 wide, 2 high:  0 1 2
    //                  3 4 5
    private static final Planes IMG = new Planes(3, 2, new float[][] {{0, 1, 2, 3, 4, 5}});

    @Test
    void knownTransforms() {
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, Augment.dihedral(IMG, 0).c[0]);
        assertArrayEquals(new float[] {2, 1, 0, 5, 4, 3}, Augment.dihedral(IMG, 1).c[0]);
        assertArrayEquals(new float[] {3, 4, 5, 0, 1, 2}, Augment.dihedral(IMG, 2).c[0]);
        Planes t = Augment.dihedral(IMG, 4);
        assertEquals(2, t.width);
        assertEquals(3, t.height);
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, t.c[0]);
        // 5 = flip left-right, then transpose: a quarter turn counter-clockwise
        assertArrayEquals(new float[] {2, 5, 1, 4, 0, 3}, Augment.dihedral(IMG, 5).c[0]);
    }

    @Test
    void allEightAreDistinctAndQuarterTurnsCompose() {
        Set<String> seen = new HashSet<>();
        for (int t = 0; t < 8; t++) {
            seen.add(java.util.Arrays.toString(Augment.dihedral(IMG, t).c[0]) + Augment.dihedral(IMG, t).width);
        }
        assertEquals(8, seen.size());
        Planes sq = new Planes(2, 2, new float[][] {{1, 2, 3, 4}});
        Planes r = sq;
        for (int i = 0; i < 4; i++) {
            r = Augment.dihedral(r, 5);
        }
        assertArrayEquals(sq.c[0], r.c[0], "four quarter turns are the identity");
        assertArrayEquals(sq.c[0], Augment.dihedral(Augment.dihedral(sq, 5), 6).c[0], "5 and 6 are inverse turns");
    }
}
