package org.dadiff4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Representation maps are cut to a tile's region at their own resolution (MSDI2E's latents: /1../8). */
class CropMapTest {

    @Test
    void mapsAtCoarserResolutionsAreCutAtTheirScale() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray map = m.arange(0f, 2 * 8 * 8).reshape(1, 2, 8, 8); // a 32x32 image's map at /4
            NDArray part = DegradationAwareModel.cropMap(map, 32, 32, 8, 16, 16, 8);
            assertArrayEquals(new long[] {1, 2, 4, 2}, part.getShape().getShape());
            float[] v = part.toFloatArray();
            float[] all = map.toFloatArray();
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 2; x++) {
                        // rows 2..5, columns 4..5 of the 8x8 map
                        org.junit.jupiter.api.Assertions.assertEquals(all[c * 64 + (2 + y) * 8 + 4 + x], v[(c * 4 + y) * 2 + x]);
                    }
                }
            }
        }
    }

    @Test
    void regionsOffTheMapGridAreRefusedAndGlobalVectorsPassThrough() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray map = m.zeros(new Shape(1, 2, 8, 8));
            assertNull(DegradationAwareModel.cropMap(map, 32, 32, 2, 0, 16, 16));
            assertNull(DegradationAwareModel.cropMap(map, 30, 32, 0, 0, 16, 16));
            NDArray global = m.zeros(new Shape(1, 16, 1, 1));
            assertSame(global, DegradationAwareModel.cropMap(global, 32, 32, 3, 5, 7, 9));
        }
    }
}
