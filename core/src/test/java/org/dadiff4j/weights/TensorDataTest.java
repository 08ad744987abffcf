package org.dadiff4j.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TensorDataTest {

    @Test
    void toNDArrayKeepsDtypeShapeAndValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f = TensorData.of(new float[] {1, -2, 3.5f, 4, 5, 6}, 2, 3).toNDArray(m);
            assertEquals(DataType.FLOAT32, f.getDataType());
            assertEquals(new Shape(2, 3), f.getShape());
            assertArrayEquals(new float[] {1, -2, 3.5f, 4, 5, 6}, f.toFloatArray());
            NDArray l = TensorData.ofLongs(new long[] {1L << 50}).toNDArray(m);
            assertEquals(DataType.INT64, l.getDataType());
            assertEquals(new Shape(), l.getShape());
            assertEquals(1L << 50, l.getLong());
        }
    }

    @Test
    void halfPrecisionIsWidenedBeforeAnyNDArrayExists() {
        TensorData h = TensorData.of(DataType.FLOAT16, new long[] {2},
                TorchFiles.le(4).putShort((short) 0x3555).putShort((short) 0xfbff).flip());
        assertEquals(DataType.FLOAT32, h.dtype());
        assertArrayEquals(new float[] {0.333251953125f, -65504f}, h.toFloats());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray half = m.create(new float[] {0.1f, 3}).toType(DataType.FLOAT16, false);
            TensorData back = TensorData.fromNDArray(half);
            assertEquals(DataType.FLOAT32, back.dtype());
            assertArrayEquals(new float[] {Half.toFloat(Half.fromFloat(0.1f)), 3}, back.toFloats());
        }
        assertThrows(IllegalArgumentException.class, () -> TensorData.of(DataType.FLOAT32, new long[] {3},
                TorchFiles.le(8)));
    }
}
