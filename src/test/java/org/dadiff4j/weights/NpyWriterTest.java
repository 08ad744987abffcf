package org.dadiff4j.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {

    @Test
    void roundTripsThroughTheReader(@TempDir Path dir) {
        float[] data = {1.5f, -2f, 0f, 3.25f, 1e-8f, 7f};
        Path f = dir.resolve("k.npy");
        NpyWriter.write(f, data, 2, 3);
        Npy.Array a = Npy.read(f);
        assertEquals("f4", a.dtype);
        assertArrayEquals(new long[] {2, 3}, a.shape);
        assertArrayEquals(data, a.toFloats());
    }

    @Test
    void headerIsPaddedToSixtyFourBytes() {
        byte[] b = NpyWriter.encode(new float[] {1, 2, 3}, 3);
        int headerLen = ByteBuffer.wrap(b, 8, 2).order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort();
        assertEquals(0, (10 + headerLen) % 64);
        assertEquals('\n', b[10 + headerLen - 1]);
        assertArrayEquals(new long[] {3}, Npy.decode(ByteBuffer.wrap(b)).shape);
    }
}
