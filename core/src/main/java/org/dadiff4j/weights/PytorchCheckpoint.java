package org.dadiff4j.weights;

import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.dadiff4j.DadiffException;

/**
 * Reads {@code torch.save} files: the zip format (torch >= 1.6) and the legacy format (five
 * consecutive pickles followed by the raw storages). The pickles are read by an allow-listed
 * {@link Unpickler}: only dicts, lists, scalars, tensors and parameters can come out, and any
 * other global is refused.
 *
 * <p>{@link #read} finds the state dict inside the file: a dict whose values are all tensors is
 * the state dict; otherwise it descends into the first of {@code params}, {@code params_ema},
 * {@code state_dict}, {@code model} that holds a dict (basicsr checkpoints are {"params": sd},
 * and basicsr prefers "params"), and repeats. A leading {@code module.} (DataParallel) is then
 * removed from every name.
 */
public final class PytorchCheckpoint {

    /** Wrapper keys tried in order when the top-level dict is not itself a state dict. */
    public static final List<String> WRAPPER_KEYS = List.of("params", "params_ema", "state_dict", "model");

    private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long LEGACY_PROTOCOL = 1001;
    private static final Map<String, DataType> STORAGES = Map.of(
            "torch.FloatStorage", DataType.FLOAT32,
            "torch.DoubleStorage", DataType.FLOAT64,
            "torch.HalfStorage", DataType.FLOAT16,
            "torch.BFloat16Storage", DataType.BFLOAT16,
            "torch.LongStorage", DataType.INT64,
            "torch.IntStorage", DataType.INT32,
            "torch.ShortStorage", DataType.INT16,
            "torch.CharStorage", DataType.INT8,
            "torch.ByteStorage", DataType.UINT8,
            "torch.BoolStorage", DataType.BOOLEAN);

    private PytorchCheckpoint() {}

    /** The state dict in a checkpoint (unwrapped, "module." stripped); see the class comment. */
    public static StateDict read(Path file) {
        return toStateDict(file, readObject(file));
    }

    /**
     * The whole unpickled object: Map (dict, OrderedDict), List (list, tuple), String, Long,
     * Double, Boolean, byte[], null and {@link TensorData}.
     */
    public static Object readObject(Path file) {
        org.dadiff4j.InputFile.require(file, "checkpoint");
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw DadiffException.of(file, "no such file", e);
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot read: " + e.getMessage(), e);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return readZip(file);
        }
        if (n >= 2 && (head[0] & 0xff) == 0x80) {
            return readLegacy(file);
        }
        String hint = n > 8 && head[8] == '{' ? " (it looks like a safetensors file)" : "";
        throw DadiffException.of(file, "not a PyTorch checkpoint: neither a torch.save zip nor the legacy format"
                + hint);
    }

    /** A storage: file dtype, element count, and (once read) its bytes; views share their root's bytes. */
    private static final class Storage {
        final String key;
        final DataType dtype;
        final long numel;
        final Storage root;
        final long offset;
        ByteBuffer data;

        Storage(String key, DataType dtype, long numel, Storage root, long offset) {
            this.key = key;
            this.dtype = dtype;
            this.numel = numel;
            this.root = root == null ? this : root;
            this.offset = offset;
        }
    }

    /** A tensor waiting for its storage bytes (legacy files store them after the pickle). */
    private static final class Pending {
        final TensorData tensor;
        final Storage storage;
        final long offset;
        final long[] stride;

        Pending(TensorData tensor, Storage storage, long offset, long[] stride) {
            this.tensor = tensor;
            this.storage = storage;
            this.offset = offset;
            this.stride = stride;
        }
    }

    /** One read: the storages seen so far and the tensors built on them. */
    private static final class Reading {
        final Path file;
        final Map<String, Storage> storages = new HashMap<>();
        final List<Pending> pending = new ArrayList<>();
        final Function<Storage, ByteBuffer> loader;

        Reading(Path file, Function<Storage, ByteBuffer> loader) {
            this.file = file;
            this.loader = loader;
        }

        Object unpickle(ByteBuffer pickle) {
            return new Unpickler(file, globals(this), this::storage).load(pickle);
        }

        /** Persistent id ('storage', type, key, location, numel[, view_metadata]); any location maps to CPU. */
        Object storage(Object pid) {
            List<Object> t = list(pid, "persistent id");
            if (t.size() < 5 || !"storage".equals(t.get(0)) || !(t.get(1) instanceof Unpickler.Global)) {
                throw new IllegalArgumentException("unsupported persistent id (" + Unpickler.describe(pid) + ")");
            }
            DataType dtype = STORAGES.get(t.get(1).toString());
            if (dtype == null) {
                throw new IllegalArgumentException("unsupported storage type " + Unpickler.describe(t.get(1)));
            }
            String key = Unpickler.text(t.get(2), "storage key");
            Storage s = storages.get(key);
            if (s == null) {
                s = new Storage(key, dtype, count(toLong(t.get(4)), dtype, "storage " + key), null, 0);
                storages.put(key, s);
                if (loader != null) {
                    s.data = loader.apply(s);
                }
            }
            if (t.size() > 5 && t.get(5) != null) { // legacy view: (view_key, offset, view_size)
                List<Object> v = list(t.get(5), "storage view");
                String viewKey = Unpickler.text(v.get(0), "storage view key");
                Storage view = storages.get(viewKey);
                if (view == null) {
                    long offset = toLong(v.get(1));
                    long size = count(toLong(v.get(2)), dtype, "storage view " + viewKey);
                    if (offset < 0 || offset > s.numel || size > s.numel - offset) {
                        throw new IllegalArgumentException("storage view " + viewKey + " does not fit in storage " + key);
                    }
                    view = new Storage(viewKey, dtype, size, s, offset);
                    storages.put(viewKey, view);
                }
                return view;
            }
            return s;
        }

        /** _rebuild_tensor(_v2)(storage, storage_offset, size, stride, ...). */
        Object rebuildTensor(List<Object> a) {
            if (a.size() < 4 || !(a.get(0) instanceof Storage)) {
                throw new IllegalArgumentException("bad tensor arguments");
            }
            Storage s = (Storage) a.get(0);
            long[] size = longs(a.get(2));
            long[] stride = longs(a.get(3));
            if (size.length != stride.length) {
                throw new IllegalArgumentException("tensor size " + java.util.Arrays.toString(size) + " and stride "
                        + java.util.Arrays.toString(stride) + " differ in length");
            }
            TensorData t = new TensorData(TensorData.heldType(s.dtype), size);
            // Each element needs its own storage element: overlapping views (stride 0) would let a
            // few bytes of storage stand for gigabytes of tensor.
            if (t.numel() > s.numel) {
                throw new IllegalArgumentException("tensor " + TensorData.shapeString(size) + " has more elements than"
                        + " its storage " + s.key + " (" + s.numel + "); overlapping views are not supported");
            }
            pending.add(new Pending(t, s, toLong(a.get(1)), stride));
            return t;
        }

        void fillTensors() {
            for (Pending p : pending) {
                try {
                    p.tensor.fillRaw(p.storage.dtype, gather(p));
                } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
                    throw DadiffException.of(file, "corrupt checkpoint: " + e.getMessage(), e);
                }
            }
        }
    }

    /** A storage's element count from the file, bounded so that its bytes fit one buffer. */
    private static long count(long numel, DataType dtype, String what) {
        if (numel < 0 || numel > org.dadiff4j.Limits.MAX_TENSOR_BYTES / dtype.getNumOfBytes()) {
            throw new IllegalArgumentException(what + " has " + numel + " elements (limit "
                    + org.dadiff4j.Limits.MAX_TENSOR_BYTES / dtype.getNumOfBytes() + ")");
        }
        return numel;
    }

    private static Map<String, Unpickler.Global> globals(Reading r) {
        Map<String, Unpickler.Global> g = new HashMap<>();
        add(g, "collections.OrderedDict", PytorchCheckpoint::orderedDict);
        add(g, "torch._utils._rebuild_tensor_v2", r::rebuildTensor);
        add(g, "torch._utils._rebuild_tensor", r::rebuildTensor);
        add(g, "torch._utils._rebuild_parameter", a -> a.get(0));
        add(g, "torch._utils._rebuild_parameter_with_state", a -> a.get(0));
        add(g, "torch._tensor._rebuild_from_type_v2", PytorchCheckpoint::rebuildFromType);
        add(g, "torch.Tensor", null);
        add(g, "torch.nn.parameter.Parameter", null);
        for (String storage : STORAGES.keySet()) {
            add(g, storage, null);
        }
        return g;
    }

    private static void add(Map<String, Unpickler.Global> g, String name, Function<List<Object>, Object> call) {
        g.put(name, new Unpickler.Global(name, call));
    }

    /** OrderedDict() or OrderedDict([[key, value], ...]). */
    private static Object orderedDict(List<Object> args) {
        Map<Object, Object> d = new LinkedHashMap<>();
        if (!args.isEmpty()) {
            for (Object item : list(args.get(0), "OrderedDict items")) {
                List<Object> kv = list(item, "OrderedDict item");
                if (kv.size() != 2) {
                    throw new IllegalArgumentException("an OrderedDict item has " + kv.size() + " values, not 2");
                }
                d.put(Unpickler.key(kv.get(0)), kv.get(1));
            }
        }
        return d;
    }

    /** _rebuild_from_type_v2(func, new_type, args, state): tensor subclasses; the type and state are dropped. */
    private static Object rebuildFromType(List<Object> a) {
        if (a.size() < 3 || !(a.get(0) instanceof Unpickler.Global) || ((Unpickler.Global) a.get(0)).call == null) {
            throw new IllegalArgumentException("bad _rebuild_from_type_v2 arguments");
        }
        return ((Unpickler.Global) a.get(0)).call.apply(list(a.get(2), "arguments"));
    }

    /** The tensor's elements in C order, as bytes of the storage dtype. */
    private static ByteBuffer gather(Pending p) {
        Storage s = p.storage;
        int e = s.dtype.getNumOfBytes();
        long[] size = p.tensor.shape();
        long n = p.tensor.numel();
        if (p.offset < 0 || p.offset > s.numel) {
            throw new IllegalArgumentException("tensor offset " + p.offset + " is outside storage " + s.key);
        }
        long base = s.offset + p.offset;
        long last = base;
        boolean contiguous = true;
        long expect = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (p.stride[i] < 0) {
                throw new IllegalArgumentException("negative stride in storage " + s.key);
            }
            if (size[i] > 0 && p.stride[i] > (Long.MAX_VALUE / 2 - last) / size[i]) {
                throw new IllegalArgumentException("stride " + p.stride[i] + " reaches beyond storage " + s.key);
            }
            last += (size[i] - 1) * p.stride[i];
            contiguous &= size[i] == 1 || p.stride[i] == expect;
            expect *= size[i];
        }
        if (s.root.data == null) {
            throw new IllegalArgumentException("storage " + s.root.key + " has no data");
        }
        long rootNumel = s.root.data.remaining() / e;
        if (n > 0 && (p.offset < 0 || base < 0 || last >= rootNumel || s.offset + s.numel > rootNumel)) {
            throw new IllegalArgumentException("tensor " + TensorData.shapeString(size) + " at offset " + p.offset
                    + " does not fit in storage " + s.key + " of " + s.numel + " elements");
        }
        ByteBuffer src = s.root.data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (n == 0) {
            return ByteBuffer.allocate(0);
        }
        if (contiguous) {
            src.position(Math.toIntExact(base * e)).limit(Math.toIntExact((base + n) * e));
            return src.slice();
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(n * e));
        long[] idx = new long[size.length];
        byte[] one = new byte[e];
        for (long k = 0; k < n; k++) {
            long pos = base;
            for (int d = 0; d < size.length; d++) {
                pos += idx[d] * p.stride[d];
            }
            src.get(Math.toIntExact(pos * e), one);
            out.put(one);
            for (int d = size.length - 1; d >= 0 && ++idx[d] == size[d]; d--) {
                idx[d] = 0;
            }
        }
        return out.flip();
    }

    private static Object readZip(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pkl = null;
            for (ZipEntry en : java.util.Collections.list(zip.entries())) {
                String name = en.getName();
                if (name.equals("data.pkl") || name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - 9) {
                    if (pkl != null) {
                        throw DadiffException.of(file, "corrupt checkpoint: several data.pkl records");
                    }
                    pkl = en;
                }
            }
            if (pkl == null) {
                throw DadiffException.of(file, "not a torch.save checkpoint: the zip has no data.pkl");
            }
            String prefix = pkl.getName().substring(0, pkl.getName().length() - "data.pkl".length());
            if (zip.getEntry(prefix + "constants.pkl") != null) {
                throw DadiffException.of(file, "is a TorchScript archive (torch.jit.save); "
                        + "save model.state_dict() with torch.save instead");
            }
            ZipEntry order = zip.getEntry(prefix + "byteorder");
            if (order != null && "big".equals(new String(bytes(zip, order), StandardCharsets.US_ASCII).trim())) {
                throw DadiffException.of(file, "big-endian checkpoints are not supported");
            }
            long[] loaded = {0};
            Reading r = new Reading(file, s -> {
                long need = s.numel * s.dtype.getNumOfBytes();
                loaded[0] += need;
                org.dadiff4j.Limits.requireHeap(file, loaded[0], "loading its weights");
                return storageEntry(file, zip, prefix, s);
            });
            Object obj = r.unpickle(ByteBuffer.wrap(ZipMembers.read(file, zip, pkl, -1,
                    org.dadiff4j.Limits.MAX_PICKLE_BYTES)));
            r.fillTensors();
            return obj;
        } catch (ZipException e) {
            throw DadiffException.of(file, "corrupt checkpoint: not a readable zip (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot read: " + org.dadiff4j.Problems.describe(e), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // ZipFile throws these for malformed entry names and inconsistent headers
            throw DadiffException.of(file, "corrupt checkpoint: not a readable zip (" + e.getMessage() + ")", e);
        }
    }

    private static ByteBuffer storageEntry(Path file, ZipFile zip, String prefix, Storage s) {
        String name = prefix + "data/" + s.key;
        ZipEntry en = zip.getEntry(name);
        if (en == null) {
            throw DadiffException.of(file, "corrupt checkpoint: storage " + name + " is missing");
        }
        long need = s.numel * s.dtype.getNumOfBytes();
        if (en.getSize() != need) {
            throw DadiffException.of(file, "corrupt checkpoint: storage " + name + " has " + en.getSize()
                    + " bytes, expected " + need);
        }
        try {
            return ByteBuffer.wrap(ZipMembers.read(file, zip, en, need, need));
        } catch (IOException e) {
            throw DadiffException.of(file, "corrupt checkpoint: cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(ZipFile zip, ZipEntry en) throws IOException {
        return ZipMembers.read(null, zip, en, -1, 4096);
    }

    private static Object readLegacy(Path file) {
        ByteBuffer buf;
        try (FileChannel ch = FileChannel.open(file)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw DadiffException.of(file, "legacy-format checkpoints over 2 GiB are not supported; "
                        + "re-save it with torch >= 1.6: torch.save(torch.load(f), f2)");
            }
            buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot read: " + e.getMessage(), e);
        }
        Unpickler plain = new Unpickler(file, Map.of(), null);
        if (!LEGACY_MAGIC.equals(plain.load(buf))) {
            throw DadiffException.of(file, "not a PyTorch checkpoint: wrong magic number in the legacy header");
        }
        Object protocol = plain.load(buf);
        if (!Long.valueOf(LEGACY_PROTOCOL).equals(protocol)) {
            throw DadiffException.of(file, "unsupported legacy protocol version " + protocol);
        }
        Object sysInfo = plain.load(buf);
        if (sysInfo instanceof Map && Boolean.FALSE.equals(((Map<?, ?>) sysInfo).get("little_endian"))) {
            throw DadiffException.of(file, "big-endian checkpoints are not supported");
        }
        Reading r = new Reading(file, null);
        Object obj = r.unpickle(buf);
        Object keys = plain.load(buf);
        try {
            for (Object key : list(keys, "storage key list")) {
                Storage s = r.storages.get(Unpickler.text(key, "storage key"));
                if (s == null || s.root != s) {
                    throw new IllegalArgumentException("storage " + key + " is listed but never used");
                }
                if (buf.remaining() < 8) {
                    throw new IllegalArgumentException("truncated before storage " + key);
                }
                long count = buf.getLong();
                if (count != s.numel) {
                    throw new IllegalArgumentException("storage " + key + " has " + count + " elements, expected "
                            + s.numel);
                }
                long bytes = count * s.dtype.getNumOfBytes(); // bounded: numel was checked when read
                if (bytes > buf.remaining()) {
                    throw new IllegalArgumentException("storage " + key + " is truncated (" + buf.remaining()
                            + " of " + bytes + " bytes)");
                }
                s.data = buf.slice().limit((int) bytes);
                buf.position(buf.position() + (int) bytes);
            }
        } catch (IllegalArgumentException e) {
            throw DadiffException.of(file, "corrupt checkpoint: " + e.getMessage(), e);
        }
        r.fillTensors();
        return obj;
    }

    /** Finds the state dict in an unpickled object; see the class comment. */
    static StateDict toStateDict(Path file, Object obj) {
        for (int depth = 0; obj instanceof Map && !allTensors((Map<?, ?>) obj) && depth < 8; depth++) {
            Map<?, ?> m = (Map<?, ?>) obj;
            Object inner = null;
            for (String k : WRAPPER_KEYS) {
                if (m.get(k) instanceof Map) {
                    inner = m.get(k);
                    break;
                }
            }
            if (inner == null) {
                throw DadiffException.of(file, "no state dict found: top-level keys " + shortList(m.keySet())
                        + " (expected a dict of tensors, or one under " + String.join(", ", WRAPPER_KEYS) + ")");
            }
            obj = inner;
        }
        if (!(obj instanceof Map)) {
            throw DadiffException.of(file, "no state dict found: the file holds " + Unpickler.describe(obj));
        }
        StateDict sd = new StateDict(file.toString());
        for (Map.Entry<?, ?> e : ((Map<?, ?>) obj).entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof TensorData)) {
                throw DadiffException.of(file, "not a state dict: entry " + e.getKey() + " is "
                        + Unpickler.describe(e.getValue()) + ", not a tensor");
            }
            sd.put((String) e.getKey(), (TensorData) e.getValue());
        }
        return sd.stripPrefix("module.");
    }

    /** At most six keys, each cut to 40 characters: a hostile file's keys must not flood the message. */
    private static String shortList(java.util.Collection<?> keys) {
        java.util.List<String> names = new ArrayList<>();
        for (Object k : keys) {
            String s = k instanceof String || k instanceof Long ? String.valueOf(k) : Unpickler.describe(k);
            names.add(s.length() > 40 ? s.substring(0, 40) + "..." : s);
            if (names.size() == 6) {
                break;
            }
        }
        return "[" + String.join(", ", names) + (keys.size() > 6 ? ", ... (" + (keys.size() - 6) + " more)]" : "]");
    }

    private static boolean allTensors(Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof TensorData)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o, String what) {
        if (!(o instanceof List)) {
            throw new IllegalArgumentException(what + " is " + Unpickler.describe(o) + ", not a tuple or list");
        }
        return (List<Object>) o;
    }

    private static long toLong(Object o) {
        if (!(o instanceof Long)) {
            throw new IllegalArgumentException("expected an int, got " + Unpickler.describe(o));
        }
        return (Long) o;
    }

    private static long[] longs(Object o) {
        List<Object> l = list(o, "tensor size/stride");
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toLong(l.get(i));
        }
        return out;
    }
}
