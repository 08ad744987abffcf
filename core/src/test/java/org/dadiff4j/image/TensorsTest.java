package org.dadiff4j.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TensorsTest {

    @Test
    void rgbRoundTripIsExactAndNchwOrdered() {
        Picture p = TestImages.quantisedNoise(5, 3, 3, true, 16, 4);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = Tensors.toNchw(m, p);
            assertEquals(new Shape(1, 3, 3, 5), x.getShape());
            assertEquals(DataType.FLOAT32, x.getDataType());
            // element [0, c=2, y=1, x=4]
            assertEquals(p.get(2, 4, 1), x.getFloat(0, 2, 1, 4), 0f);
            Picture back = Tensors.fromNchw(x, p);
            assertEquals(p, back);
        }
    }

    @Test
    void grayIsReplicatedAndComesBackAsLuma() {
        Picture p = TestImages.quantisedNoise(4, 4, 1, false, 8, 5);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = Tensors.toNchwRgb(m, p);
            assertEquals(new Shape(1, 3, 4, 4), x.getShape());
            assertArrayEquals(p.plane(0), Tensors.planes(x)[1], 0f);
            Picture back = Tensors.fromNchw(x, p);
            assertTrue(back.isGray());
            assertArrayEquals(p.plane(0), back.plane(0), 1e-6f);
            // distinct channels: BT.601 luma
            NDArray c = m.create(new float[] {1f, 0f, 0f}, new Shape(1, 3, 1, 1));
            Picture red = Tensors.fromNchw(c, Picture.of(1, 1, new float[][] {{0f}}, null, 8));
            assertEquals(0.299f, red.get(0, 0, 0), 0f);
        }
    }

    @Test
    void resultOfANewSizeGetsTheAlphaResized() {
        Picture p = TestImages.quantisedNoise(4, 4, 3, true, 8, 6);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray up = Resize.bicubicPil(Tensors.toNchw(m, p), 8, 8);
            Picture r = Tensors.fromNchw(up, p);
            assertEquals(8, r.width());
            assertEquals(64, r.alpha().length);
            Picture plain = Tensors.fromNchw(up, 16);
            assertEquals(16, plain.bitDepth());
            assertEquals(false, plain.hasAlpha());
            assertArrayEquals(Resize.bicubicPil(p.plane(1), 4, 4, 8, 8), plain.plane(1), 0f);
        }
    }
}
