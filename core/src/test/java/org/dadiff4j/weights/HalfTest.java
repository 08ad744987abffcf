package org.dadiff4j.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfTest {

    @Test
    void everyHalfSurvivesTheRoundTrip() {
        for (int h = 0; h < 0x10000; h++) {
            float f = Half.toFloat((short) h);
            if (Float.isNaN(f)) {
                assertTrue((h & 0x7c00) == 0x7c00 && (h & 0x3ff) != 0);
                assertTrue(Float.isNaN(Half.toFloat(Half.fromFloat(f))));
                continue;
            }
            assertEquals(h, Half.fromFloat(f) & 0xffff, "half " + Integer.toHexString(h));
        }
    }

    @Test
    void knownValues() {
        assertEquals(1f, Half.toFloat((short) 0x3c00));
        assertEquals(65504f, Half.toFloat((short) 0x7bff));
        assertEquals(0x1p-24f, Half.toFloat((short) 0x0001));
        assertEquals(0x1p-14f, Half.toFloat((short) 0x0400));
        assertEquals(0x3555, Half.fromFloat(1f / 3));
        assertEquals(0x7c00, Half.fromFloat(65520f)); // half-way to 2^16 rounds up to infinity
        assertEquals(0x7bff, Half.fromFloat(65519.99f));
        assertEquals(0x0000, Half.fromFloat(0x1p-25f)); // tie between 0 and the smallest subnormal: even
        assertEquals(0x0001, Half.fromFloat(0x1.000002p-25f));
        assertEquals(0x3c00, Half.fromFloat(1 + 0x1p-11f)); // tie: stays on the even 1.0
        assertEquals(0x3c02, Half.fromFloat(1 + 3 * 0x1p-11f)); // tie: goes up to the even neighbour
        assertEquals(0x8000, Half.fromFloat(-0f) & 0xffff);
        assertEquals(1f, Half.bf16ToFloat((short) 0x3f80));
        assertEquals(-0.333984375f, Half.bf16ToFloat((short) 0xbeab));
    }

    @Test
    void roundsToTheNearestHalfWithTiesToEven() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            // uniform bit patterns over the finite half range (|x| < 65520)
            float f = Float.intBitsToFloat(r.nextInt(0x477ff000)) * (r.nextBoolean() ? 1 : -1);
            int h = Half.fromFloat(f) & 0xffff;
            double err = Math.abs((double) Half.toFloat((short) h) - f);
            for (int n : new int[] {h - 1, h + 1}) {
                if ((n & 0x7fff) >= 0x7c00 || (n & 0x7fff) == 0x7fff || n < 0 || n > 0xffff) {
                    continue;
                }
                double other = Math.abs((double) Half.toFloat((short) n) - f);
                assertTrue(err < other || err == other && (h & 1) == 0,
                        f + " -> " + Integer.toHexString(h) + " but " + Integer.toHexString(n) + " is nearer");
            }
        }
    }
}
