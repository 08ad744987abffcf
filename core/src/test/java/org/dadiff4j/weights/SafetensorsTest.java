package org.dadiff4j.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.dadiff4j.DadiffException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path tmp;

    private static StateDict sample() {
        SplittableRandom r = new SplittableRandom(11);
        float[] w = new float[2 * 3 * 3 * 3];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-6, 4)));
        }
        return new StateDict("sample")
                .put("conv.weight", TensorData.of(w, 2, 3, 3, 3))
                .put("bn.num_batches_tracked", TensorData.ofLongs(new long[] {15}))
                .put("bn.running_mean", TensorData.of(new float[] {0.5f, -1e-7f}, 2))
                .put("empty", TensorData.of(new float[0], 0, 4));
    }

    @Test
    void float32RoundTripIsExactAndKeepsOrderTypesAndMetadata() {
        StateDict sd = sample();
        Path f = tmp.resolve("m.safetensors");
        Safetensors.write(f, sd, Map.of("note", "x"), DataType.FLOAT32);
        StateDict back = Safetensors.read(f);
        assertEquals(List.copyOf(sd.keys()), List.copyOf(back.keys()));
        for (String k : sd.keys()) {
            assertEquals(sd.get(k).dtype(), back.get(k).dtype(), k);
            assertArrayEquals(sd.get(k).shape(), back.get(k).shape(), k);
            assertEquals(sd.get(k).data(), back.get(k).data(), k);
        }
        assertEquals(Map.of("note", "x"), Safetensors.metadata(f));
        assertEquals(List.of("m.safetensors"), listing());
    }

    @Test
    void float16RoundTripRoundsOnceToNearestHalf() throws IOException {
        StateDict sd = sample();
        Path f = tmp.resolve("h.safetensors");
        Safetensors.write(f, sd, Map.of(), DataType.FLOAT16);
        StateDict back = Safetensors.read(f);
        float[] w = sd.get("conv.weight").toFloats();
        float[] h = back.get("conv.weight").toFloats();
        assertEquals(DataType.FLOAT32, back.get("conv.weight").dtype());
        for (int i = 0; i < w.length; i++) {
            // fp16: relative error <= 2^-11 in the normal range, absolute <= 2^-25 below it
            double tol = Math.max(Math.abs(w[i]) * 0x1p-11, 0x1p-25);
            assertTrue(Math.abs(h[i] - w[i]) <= tol || Math.abs(w[i]) >= 65520, w[i] + " -> " + h[i]);
        }
        assertArrayEquals(new long[] {15}, back.get("bn.num_batches_tracked").toLongs());
        assertEquals(DataType.INT64, back.get("bn.num_batches_tracked").dtype());
        // F16 tensors take 2 bytes per element: 54 weights + 2 means = 112 bytes + 8 for the int64
        long header = ByteBuffer.wrap(Files.readAllBytes(f), 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, header % 8);
        assertEquals(8 + header + 112 + 8, Files.size(f));
    }

    @Test
    void readsBfloat16WrittenByOthers() throws IOException {
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[0,6]}}";
        byte[] header = json.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = TorchFiles.le(8 + header.length + 6).putLong(header.length).put(header);
        buf.putShort((short) 0x3f80).putShort((short) 0xc040).putShort((short) 0x0001);
        Path f = Files.write(tmp.resolve("bf.safetensors"), buf.array());
        TensorData t = Safetensors.read(f).get("b");
        assertEquals(DataType.FLOAT32, t.dtype());
        assertArrayEquals(new float[] {1f, -3f, Float.intBitsToFloat(0x00010000)}, t.toFloats());
    }

    @Test
    void corruptFilesGiveOneLineErrors() throws IOException {
        Path good = tmp.resolve("g.safetensors");
        Safetensors.write(good, sample(), Map.of(), DataType.FLOAT32);
        byte[] all = Files.readAllBytes(good);
        Path cut = Files.write(tmp.resolve("cut.safetensors"), Arrays.copyOf(all, all.length - 3));
        assertError(cut, "truncated: tensor");
        Path headerCut = Files.write(tmp.resolve("hc.safetensors"), Arrays.copyOf(all, 20));
        assertError(headerCut, "not a safetensors file: header length");
        byte[] bad = all.clone();
        bad[9] = 'x';
        assertError(Files.write(tmp.resolve("bad.safetensors"), bad), "corrupt safetensors header");
        String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}";
        ByteBuffer b = TorchFiles.le(8 + json.length() + 8).putLong(json.length())
                .put(json.getBytes(StandardCharsets.US_ASCII));
        assertError(Files.write(tmp.resolve("size.safetensors"), b.array()),
                "tensor w has data_offsets [0, 8] but needs 12 bytes");
    }

    private static void assertError(Path f, String problem) {
        DadiffException e = assertThrows(DadiffException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains(problem)
                && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void weightsFilePairRoundTrip() {
        JsonObject config = new JsonObject();
        config.addProperty("model", "compact-gd");
        config.addProperty("width", 32);
        Path base = tmp.resolve("models/gd");
        WeightsFile.save(base, sample(), config);
        assertTrue(Files.exists(tmp.resolve("models/gd.safetensors")));
        assertTrue(Files.exists(tmp.resolve("models/gd.json")));
        WeightsFile back = WeightsFile.load(tmp.resolve("models/gd.safetensors"));
        assertEquals(config, back.config());
        assertEquals(sample().get("conv.weight").data(), back.stateDict().get("conv.weight").data());
        assertEquals(List.copyOf(sample().keys()), List.copyOf(WeightsFile.read(
                WeightsFile.weightsPath(base)).keys()));
        DadiffException e = assertThrows(DadiffException.class, () -> WeightsFile.load(tmp.resolve("nothing")));
        assertTrue(e.getMessage().contains("nothing.json: no such file"), e.getMessage());
    }

    private List<String> listing() {
        try (var s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
