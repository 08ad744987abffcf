package org.dadiff4j.weights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes small torch.save files (zip and legacy) opcode by opcode, the way torch.save lays them out. */
final class TorchFiles {

    /** A pickle under construction. */
    static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle() {
            op(0x80, 2);
        }

        Pickle op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Pickle global(String module, String name) {
            op('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Pickle str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op('X');
            out.writeBytes(le(4).putInt(b.length).array());
            out.writeBytes(b);
            return this;
        }

        Pickle integer(long v) {
            if (v >= 0 && v < 256) {
                return op('K', (int) v);
            }
            if (v >= 0 && v < 65536) {
                return op('M', (int) v & 0xff, (int) v >>> 8);
            }
            op(0x8a, 8);
            out.writeBytes(le(8).putLong(v).array());
            return this;
        }

        Pickle ints(long... values) {
            mark();
            for (long v : values) {
                integer(v);
            }
            return tuple();
        }

        Pickle mark() {
            return op('(');
        }

        Pickle tuple() {
            return op('t');
        }

        Pickle reduce() {
            return op('R');
        }

        /** An empty OrderedDict(), as torch pickles state dicts and backward hooks. */
        Pickle orderedDict() {
            return global("collections", "OrderedDict").op(')').reduce();
        }

        /** _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict()). */
        Pickle tensor(String storageType, String key, String location, long numel, long offset, long[] size,
                long[] stride) {
            global("torch._utils", "_rebuild_tensor_v2").mark();
            mark().str("storage").global("torch", storageType).str(key).str(location).integer(numel).tuple();
            op('Q').integer(offset).ints(size).ints(stride).op(0x89).orderedDict();
            return tuple().reduce();
        }

        /** A contiguous float tensor over a whole storage. */
        Pickle floats(String key, long... shape) {
            long n = 1;
            long[] stride = new long[shape.length];
            for (int i = shape.length - 1; i >= 0; i--) {
                stride[i] = n;
                n *= shape[i];
            }
            return tensor("FloatStorage", key, "cpu", n, 0, shape, stride);
        }

        byte[] stop() {
            op('.');
            return out.toByteArray();
        }
    }

    private TorchFiles() {}

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] floatBytes(float... v) {
        ByteBuffer b = le(v.length * 4);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    /** A torch.save zip: top/data.pkl, top/data/KEY, top/version. */
    static Path zip(Path file, String top, byte[] pkl, Map<String, byte[]> storages) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            entry(z, top + "/data.pkl", pkl);
            for (Map.Entry<String, byte[]> e : storages.entrySet()) {
                entry(z, top + "/data/" + e.getKey(), e.getValue());
            }
            entry(z, top + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }

    private static void entry(ZipOutputStream z, String name, byte[] data) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(data);
        z.closeEntry();
    }

    /** A legacy file: magic, protocol 1001, sys info, the object pickle, key list, then the storages. */
    static Path legacy(Path file, byte[] object, List<String> keys, Map<String, byte[]> storages, int elementSize)
            throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            // LONG1 with the 10-byte magic number 0x1950a86a20f9469cfc6c, little-endian
            out.write(new Pickle().op(0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19).stop());
            out.write(new Pickle().integer(1001).stop());
            out.write(new Pickle().op('}').str("little_endian").op(0x88, 's').stop());
            out.write(object);
            Pickle list = new Pickle().op(']').mark();
            keys.forEach(list::str);
            out.write(list.op('e').stop());
            for (String k : keys) {
                byte[] data = storages.get(k);
                out.write(le(8).putLong(data.length / elementSize).array());
                out.write(data);
            }
        }
        return file;
    }
}
