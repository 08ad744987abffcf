package org.dadiff4j.degrade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FilterTest {

    @Test
    void reflect101MirrorsWithoutRepeatingTheEdge() {
        int[] got = new int[9];
        for (int i = -4; i <= 4; i++) {
            got[i + 4] = Filter.reflect101(i + 2, 4);
        }
        // positions -2..6 of a 4-sample row: 2 1 | 0 1 2 3 | 2 1 0
        assertArrayEquals(new int[] {2, 1, 0, 1, 2, 3, 2, 1, 0}, got);
    }

    @Test
    void shiftKernelReadsReflectedNeighbour() {
        Planes row = new Planes(3, 1, new float[][] {{1, 2, 3}});
        float[] w = new float[9];
        w[3] = 1; // correlation: out(x) = in(x - 1)
        Planes out = Filter.apply(row, new Kernel(3, w));
        assertArrayEquals(new float[] {2, 1, 2}, out.c[0]);
    }

    @Test
    void matchesDirectCorrelationWithReflect101() {
        Planes img = TestImages.random(23, 17, 3);
        SplittableRandom r = new SplittableRandom(9);
        float[] w = new float[25];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextDouble();
        }
        for (Kernel k : new Kernel[] {new Kernel(5, w), Kernels.isotropicGaussian(9, 1.3),
                Kernels.circularLowpass(21, 1.0), Kernels.isotropicGaussian(7, 1.0).padTo(21)}) {
            Planes got = Filter.apply(img, k);
            Planes want = direct(img, k);
            assertTrue(TestImages.maxAbsDiff(got, want) < 2e-6, "max diff " + TestImages.maxAbsDiff(got, want));
        }
    }

    @Test
    void normalisedKernelKeepsConstantImages() {
        Planes flat = Planes.zeros(40, 30, 3);
        for (float[] c : flat.c) {
            java.util.Arrays.fill(c, 0.37f);
        }
        Planes out = Filter.apply(flat, Kernels.generalizedGaussian(21, 3, 1, 0.4, 2));
        assertEquals(0.0, TestImages.maxAbsDiff(out, flat), 1e-6);
    }

    private static Planes direct(Planes in, Kernel k) {
        int h = k.size / 2;
        Planes out = Planes.zeros(in.width, in.height, in.channels());
        for (int ch = 0; ch < in.channels(); ch++) {
            for (int y = 0; y < in.height; y++) {
                for (int x = 0; x < in.width; x++) {
                    double s = 0;
                    for (int ky = -h; ky <= h; ky++) {
                        for (int kx = -h; kx <= h; kx++) {
                            int sy = Filter.reflect101(y + ky, in.height);
                            int sx = Filter.reflect101(x + kx, in.width);
                            s += k.at(ky + h, kx + h) * in.c[ch][sy * in.width + sx];
                        }
                    }
                    out.c[ch][y * in.width + x] = (float) s;
                }
            }
        }
        return out;
    }
}
