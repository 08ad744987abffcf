package org.dadiff4j.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dadiff4j.AtomicFile;
import org.dadiff4j.DadiffException;

/**
 * NumPy {@code .npy} arrays (format 1.0-3.0, little-endian, no pickled objects; Fortran-order data is
 * reordered to C order on reading): the format
 * of the reference tensors and of recorded blur kernels.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<|>]?)([a-zA-Z]\\d+)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** A decoded array: dtype code such as "f4", shape, and the raw little-endian data. */
    public static final class Array {
        public final String dtype;
        public final long[] shape;
        public final ByteBuffer data;

        Array(String dtype, long[] shape, ByteBuffer data) {
            this.dtype = dtype;
            this.shape = shape;
            this.data = data.order(ByteOrder.LITTLE_ENDIAN);
        }

        /** Element count. */
        public long size() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        /** Values as float32; f8 is rounded once, integers are converted. */
        public float[] toFloats() {
            int n = Math.toIntExact(size());
            float[] out = new float[n];
            ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                switch (dtype) {
                    case "f4": out[i] = b.getFloat(); break;
                    case "f8": out[i] = (float) b.getDouble(); break;
                    case "i8": out[i] = b.getLong(); break;
                    case "i4": out[i] = b.getInt(); break;
                    case "u1":
                    case "b1": out[i] = b.get() & 0xff; break;
                    case "i2": out[i] = b.getShort(); break;
                    case "i1": out[i] = b.get(); break;
                    case "f2": out[i] = Half.toFloat(b.getShort()); break;
                    default: throw new IllegalStateException("unsupported dtype " + dtype);
                }
            }
            return out;
        }

        /** Values as float64. */
        public double[] toDoubles() {
            if (!"f8".equals(dtype)) {
                float[] f = toFloats();
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                return d;
            }
            double[] out = new double[Math.toIntExact(size())];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
            return out;
        }

        /** A float32 NDArray with this shape. */
        public NDArray toNDArray(NDManager manager) {
            return manager.create(toFloats(), new Shape(shape));
        }
    }

    /** The dtypes read, with their sizes in bytes. */
    private static final java.util.Map<String, Integer> ITEM_SIZES = java.util.Map.of(
            "f4", 4, "f8", 8, "i8", 8, "i4", 4, "u1", 1, "b1", 1, "f2", 2, "i2", 2, "i1", 1);

    private Npy() {}

    /** Reads a {@code .npy} file. */
    public static Array read(Path file) {
        org.dadiff4j.InputFile.require(file, ".npy file");
        try {
            if (Files.size(file) > org.dadiff4j.Limits.MAX_TENSOR_BYTES) {
                throw DadiffException.of(file, "too large for one array (limit "
                        + org.dadiff4j.Limits.MAX_TENSOR_BYTES + " bytes)");
            }
            return decode(ByteBuffer.wrap(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw DadiffException.of(file, "cannot read: " + org.dadiff4j.Problems.describe(e), e);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw DadiffException.of(file, "not a valid .npy file: " + e.getMessage(), e);
        } catch (java.nio.BufferUnderflowException e) {
            throw DadiffException.of(file, "not a valid .npy file: truncated header", e);
        }
    }

    /** Reads a {@code .npy} file as a float32 NDArray. */
    public static NDArray read(Path file, NDManager manager) {
        return read(file).toNDArray(manager);
    }

    /** Writes a float32 {@code .npy} file (format 1.0, C order), atomically. */
    public static void write(Path file, float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        write(file, new Array("f4", shape, b));
    }

    /** Writes an array (format 1.0, little-endian, C order), atomically. */
    public static void write(Path file, Array array) {
        int itemSize = Integer.parseInt(array.dtype.substring(1));
        long need = array.size() * itemSize;
        ByteBuffer data = array.data.duplicate();
        if (data.remaining() != need) {
            throw new IllegalArgumentException("array data has " + data.remaining() + " bytes, shape needs " + need);
        }
        StringBuilder dims = new StringBuilder();
        for (long d : array.shape) {
            dims.append(d).append(", ");
        }
        String shape = array.shape.length == 1 ? dims.substring(0, dims.length() - 1)
                : dims.length() == 0 ? "" : dims.substring(0, dims.length() - 2);
        String dict = "{'descr': '" + (array.dtype.equals("u1") || array.dtype.equals("b1") ? "|" : "<")
                + array.dtype + "', 'fortran_order': False, 'shape': (" + shape + "), }";
        int total = (MAGIC.length + 4 + dict.length() + 1 + 63) / 64 * 64; // numpy aligns data to 64 bytes
        String header = dict + " ".repeat(total - MAGIC.length - 4 - dict.length() - 1) + "\n";
        AtomicFile.write(file, out -> {
            out.write(MAGIC);
            out.write(new byte[] {1, 0, (byte) header.length(), (byte) (header.length() >>> 8)});
            out.write(header.getBytes(StandardCharsets.ISO_8859_1));
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            out.write(bytes);
        });
    }

    /** Decodes the bytes of a {@code .npy} file. */
    public static Array decode(ByteBuffer buf) {
        buf = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (byte m : MAGIC) {
            if (!buf.hasRemaining() || buf.get() != m) {
                throw new IllegalArgumentException("missing NUMPY magic");
            }
        }
        int major = buf.get();
        buf.get();
        if (major < 1 || major > 3) {
            throw new IllegalArgumentException("unsupported format version " + major);
        }
        long headerLen = major == 1 ? Short.toUnsignedInt(buf.getShort()) : Integer.toUnsignedLong(buf.getInt());
        if (headerLen > buf.remaining()) {
            throw new IllegalArgumentException("truncated header (" + headerLen + " bytes announced, "
                    + buf.remaining() + " left)");
        }
        byte[] h = new byte[(int) headerLen];
        buf.get(h);
        String header = new String(h, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher o = ORDER.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !o.find() || !s.find()) {
            String shown = header.replaceAll("[^\\x20-\\x7e]", "?").trim();
            throw new IllegalArgumentException("bad header " + (shown.length() > 120 ? shown.substring(0, 120) + "..." : shown));
        }
        if (">".equals(d.group(1))) {
            throw new IllegalArgumentException("big-endian arrays are not supported");
        }
        if (!ITEM_SIZES.containsKey(d.group(2))) {
            throw new IllegalArgumentException("unsupported dtype " + d.group(2));
        }
        int itemSize = ITEM_SIZES.get(d.group(2));
        String[] dims = s.group(1).split(",");
        long[] shape = new long[dims.length];
        int rank = 0;
        long count = 1;
        for (String dim : dims) {
            if (dim.trim().isEmpty()) {
                continue;
            }
            if (!dim.trim().matches("\\d{1,18}")) {
                throw new IllegalArgumentException("bad dimension '" + dim.trim() + "' in shape (" + s.group(1) + ")");
            }
            shape[rank] = Long.parseLong(dim.trim());
            count = Math.multiplyExact(count, shape[rank++]);
        }
        shape = java.util.Arrays.copyOf(shape, rank);
        if (count > org.dadiff4j.Limits.MAX_TENSOR_BYTES / itemSize) {
            throw new IllegalArgumentException("shape (" + s.group(1).trim() + ") is too large");
        }
        Array a = new Array(d.group(2), shape, buf.slice());
        long need = count * itemSize;
        if (buf.remaining() < need) {
            throw new IllegalArgumentException("truncated data: " + buf.remaining() + " of " + need + " bytes");
        }
        return "True".equals(o.group(1)) ? new Array(a.dtype, shape, toCOrder(a.data, shape, itemSize)) : a;
    }

    /** Reorders Fortran-order data (first index fastest, as MATLAB exports write it) into C order. */
    private static ByteBuffer toCOrder(ByteBuffer fortran, long[] shape, int itemSize) {
        int n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, Math.toIntExact(d));
        }
        ByteBuffer out = ByteBuffer.allocate(n * itemSize);
        byte[] item = new byte[itemSize];
        int[] idx = new int[shape.length];
        for (int k = 0; k < n; k++) {
            long src = 0;
            long step = 1;
            for (int i = 0; i < shape.length; i++) {
                src += idx[i] * step;
                step *= shape[i];
            }
            fortran.get(Math.toIntExact(src * itemSize), item);
            out.put(item);
            for (int i = shape.length - 1; i >= 0 && ++idx[i] == shape[i]; i--) {
                idx[i] = 0;
            }
        }
        return out.flip();
    }

    /** DJL's data type for a NumPy dtype code, for callers that keep integers. */
    public static DataType dataType(String dtype) {
        switch (dtype) {
            case "f4": return DataType.FLOAT32;
            case "f8": return DataType.FLOAT64;
            case "i8": return DataType.INT64;
            case "i4": return DataType.INT32;
            case "u1": return DataType.UINT8;
            default: throw new IllegalArgumentException("unsupported dtype " + dtype);
        }
    }
}
