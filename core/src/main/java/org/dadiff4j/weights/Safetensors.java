package org.dadiff4j.weights;

import ai.djl.ndarray.types.DataType;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dadiff4j.AtomicFile;
import org.dadiff4j.DadiffException;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header mapping each name
 * to {dtype, shape, data_offsets} (plus an optional string map "__metadata__"), then the raw
 * little-endian data. Tensors are returned in data order, which is the order they were written.
 */
public final class Safetensors {

    private static final long MAX_HEADER = 100_000_000L;
    private static final Map<String, DataType> DTYPES = Map.of(
            "F64", DataType.FLOAT64, "F32", DataType.FLOAT32, "F16", DataType.FLOAT16,
            "BF16", DataType.BFLOAT16, "I64", DataType.INT64, "I32", DataType.INT32,
            "I16", DataType.INT16, "I8", DataType.INT8, "U8", DataType.UINT8, "BOOL", DataType.BOOLEAN);

    private Safetensors() {}

    /** All tensors (F16 and BF16 widened to float32). */
    public static StateDict read(Path file) {
        return open(file, (ch, header, dataStart) -> {
            List<Map.Entry<String, JsonObject>> entries = new ArrayList<>();
            for (Map.Entry<String, JsonElement> e : header.entrySet()) {
                if (!e.getKey().equals("__metadata__")) {
                    if (!e.getValue().isJsonObject()) {
                        throw DadiffException.of(file, "corrupt safetensors header: entry " + e.getKey()
                                + " is not an object");
                    }
                    entries.add(Map.entry(e.getKey(), e.getValue().getAsJsonObject()));
                }
            }
            entries.sort(Comparator.comparingLong(e -> offsets(file, e.getKey(), e.getValue())[0]));
            StateDict sd = new StateDict(file.toString());
            long end = 0;
            for (Map.Entry<String, JsonObject> e : entries) {
                // Tensors may not share bytes: otherwise a small file could stand for any number of
                // copies of its data.
                if (offsets(file, e.getKey(), e.getValue())[0] < end) {
                    throw DadiffException.of(file, "corrupt safetensors header: tensor " + e.getKey()
                            + " overlaps the one before it");
                }
                end = offsets(file, e.getKey(), e.getValue())[1];
                sd.put(e.getKey(), tensor(file, ch, dataStart, e.getKey(), e.getValue()));
            }
            return sd;
        });
    }

    /** The "__metadata__" strings (empty if absent). */
    public static Map<String, String> metadata(Path file) {
        return open(file, (ch, header, dataStart) -> {
            Map<String, String> out = new LinkedHashMap<>();
            if (header.has("__metadata__")) {
                JsonElement meta = header.get("__metadata__");
                if (!meta.isJsonObject()) {
                    throw DadiffException.of(file, "corrupt safetensors header: __metadata__ is not an object");
                }
                for (Map.Entry<String, JsonElement> e : meta.getAsJsonObject().entrySet()) {
                    if (!e.getValue().isJsonPrimitive()) {
                        throw DadiffException.of(file, "corrupt safetensors header: __metadata__ value "
                                + e.getKey() + " is not a string");
                    }
                    out.put(e.getKey(), e.getValue().getAsString());
                }
            }
            return out;
        });
    }

    /**
     * Writes {@code sd} atomically. Floating tensors are stored as {@code floatType} (FLOAT32, or
     * FLOAT16 rounded to nearest even); integer and bool tensors keep their type.
     */
    public static void write(Path file, StateDict sd, Map<String, String> metadata, DataType floatType) {
        if (floatType != DataType.FLOAT32 && floatType != DataType.FLOAT16) {
            throw new IllegalArgumentException("safetensors floats are written as FLOAT32 or FLOAT16, not " + floatType);
        }
        JsonObject header = new JsonObject();
        if (metadata != null && !metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (Map.Entry<String, TensorData> e : sd.asMap().entrySet()) {
            TensorData t = e.getValue();
            DataType out = t.dtype().isFloating() ? floatType : t.dtype();
            long end = offset + t.numel() * out.getNumOfBytes();
            JsonObject info = new JsonObject();
            info.addProperty("dtype", name(out));
            JsonArray shape = new JsonArray();
            for (long d : t.shape()) {
                shape.add(d);
            }
            info.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(end);
            info.add("data_offsets", offsets);
            header.add(e.getKey(), info);
            offset = end;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // the reference writer pads with spaces to 8 bytes
        AtomicFile.write(file, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(json);
            out.write(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
            for (TensorData t : sd.asMap().values()) {
                writeData(out, t, t.dtype().isFloating() ? floatType : t.dtype());
            }
        });
    }

    private static String name(DataType dtype) {
        for (Map.Entry<String, DataType> e : DTYPES.entrySet()) {
            if (e.getValue() == dtype) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("no safetensors dtype for " + dtype);
    }

    private static void writeData(OutputStream out, TensorData t, DataType as) throws IOException {
        if (as == t.dtype()) {
            ByteBuffer d = t.data();
            byte[] b = new byte[d.remaining()];
            d.get(b);
            out.write(b);
            return;
        }
        float[] f = t.toFloats();
        ByteBuffer b = ByteBuffer.allocate(f.length * as.getNumOfBytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : f) {
            if (as == DataType.FLOAT16) {
                b.putShort(Half.fromFloat(v));
            } else {
                b.putFloat(v);
            }
        }
        out.write(b.array());
    }

    private interface HeaderReader<T> {
        T read(FileChannel ch, JsonObject header, long dataStart) throws IOException;
    }

    private static <T> T open(Path file, HeaderReader<T> reader) {
        org.dadiff4j.InputFile.require(file, "safetensors file");
        try (FileChannel ch = FileChannel.open(file)) {
            long size = ch.size();
            ByteBuffer len = readAt(ch, 0, 8, file);
            long n = len.order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n <= 1 || n > MAX_HEADER || 8 + n > size) {
                throw DadiffException.of(file, "not a safetensors file: header length " + n + " does not fit the "
                        + size + "-byte file");
            }
            String text = StandardCharsets.UTF_8.decode(readAt(ch, 8, (int) n, file)).toString();
            JsonObject header;
            try {
                header = parseStrict(text);
            } catch (RuntimeException | IOException e) {
                // Gson appends a troubleshooting link on a second line
                String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                throw DadiffException.of(file, "corrupt safetensors header: " + why, e);
            }
            try {
                return reader.read(ch, header, 8 + n);
            } catch (IllegalStateException | NullPointerException | UnsupportedOperationException
                    | IndexOutOfBoundsException | ClassCastException | NumberFormatException e) {
                throw DadiffException.of(file, "corrupt safetensors header: "
                        + "a tensor entry lacks dtype, shape or data_offsets, or has values of the wrong type", e);
            } catch (IllegalArgumentException e) {
                throw DadiffException.of(file, "corrupt safetensors file: " + e.getMessage(), e);
            }
        } catch (NoSuchFileException e) {
            throw DadiffException.of(file, "no such file", e);
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Strict JSON (Gson's JsonParser would accept unquoted names and other leniencies). */
    private static JsonObject parseStrict(String text) throws IOException {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setLenient(false);
        JsonElement e = new Gson().getAdapter(JsonElement.class).read(reader);
        if (reader.peek() != JsonToken.END_DOCUMENT) {
            throw new IllegalStateException("text after the JSON object");
        }
        return e.getAsJsonObject();
    }

    private static TensorData tensor(Path file, FileChannel ch, long dataStart, String name, JsonObject info)
            throws IOException {
        DataType dtype = DTYPES.get(info.get("dtype").getAsString());
        if (dtype == null) {
            throw DadiffException.of(file, "tensor " + name + " has unsupported dtype " + info.get("dtype"));
        }
        JsonArray shapeJson = info.getAsJsonArray("shape");
        long[] shape = new long[shapeJson.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeJson.get(i).getAsLong();
            if (shape[i] < 0) {
                throw DadiffException.of(file, "tensor " + name + " has a negative dimension");
            }
        }
        long[] off = offsets(file, name, info);
        long begin = off[0];
        long end = off[1];
        // checks the shape against the size limits before anything is allocated
        long numel = new TensorData(TensorData.heldType(dtype), shape).numel();
        long need = numel * dtype.getNumOfBytes();
        if (begin < 0 || end - begin != need) {
            throw DadiffException.of(file, "tensor " + name + " has data_offsets [" + begin + ", " + end
                    + "] but needs " + need + " bytes");
        }
        if (dataStart + end > ch.size()) {
            throw DadiffException.of(file, "truncated: tensor " + name + " ends at byte " + (dataStart + end)
                    + " of a " + ch.size() + "-byte file");
        }
        return TensorData.of(dtype, shape, readAt(ch, dataStart + begin, Math.toIntExact(need), file));
    }

    /** [begin, end) of a tensor's data, as two longs. */
    private static long[] offsets(Path file, String name, JsonObject info) {
        JsonElement e = info.get("data_offsets");
        if (e == null || !e.isJsonArray() || e.getAsJsonArray().size() != 2) {
            throw DadiffException.of(file, "corrupt safetensors header: tensor " + name
                    + " needs data_offsets [begin, end]");
        }
        try {
            return new long[] {e.getAsJsonArray().get(0).getAsLong(), e.getAsJsonArray().get(1).getAsLong()};
        } catch (RuntimeException ex) {
            throw DadiffException.of(file, "corrupt safetensors header: tensor " + name
                    + " has data_offsets that are not integers", ex);
        }
    }

    private static ByteBuffer readAt(FileChannel ch, long pos, int n, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw DadiffException.of(file, "truncated: ends at byte " + (pos + b.position()));
            }
        }
        return b.flip();
    }
}
