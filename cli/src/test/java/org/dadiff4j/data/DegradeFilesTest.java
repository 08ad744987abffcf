package org.dadiff4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dadiff4j.degrade.DegradationPipeline;
import org.dadiff4j.degrade.Degraded;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.weights.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DegradeFilesTest {

    @Test
    void writesLrParamsAndKernel(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.png");
        PhotoFiles.writePng(DatasetBuilderTest.photo(200, 120, 9), in);
        Path out = dir.resolve("out/lr.png");
        Degraded d = DegradeFiles.degrade(DegradationPipeline.defaults(), in, out, 4, 123, true);
        Planes lr = PhotoFiles.read(out);
        assertEquals(50, lr.width);
        assertEquals(30, lr.height);
        assertArrayEquals(d.lr.toInterleavedBytes(), lr.toInterleavedBytes(), "PNG is lossless");
        JsonObject json = JsonParser.parseString(Files.readString(dir.resolve("out/lr.json"))).getAsJsonObject();
        assertEquals(123, json.get("seed").getAsLong());
        assertEquals(4, json.get("scale").getAsInt());
        assertTrue(json.getAsJsonArray("steps").size() >= 4);
        Npy.Array k = Npy.read(dir.resolve("out/lr.kernel.npy"));
        assertArrayEquals(new long[] {21, 21}, k.shape);
        assertArrayEquals(d.kernel.w, k.toFloats());
    }
}
