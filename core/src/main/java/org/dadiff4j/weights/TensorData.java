package org.dadiff4j.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A tensor read from (or to be written to) a weight file, held on the Java heap: dtype, shape and
 * contiguous little-endian data in C order.
 *
 * <p>fp16 and bf16 data are widened to float32 when the value is made, so no half-precision
 * NDArray ever exists (a BFLOAT16 NDArray crashes the engine). Integers keep their type, so
 * {@code num_batches_tracked} stays int64.
 */
public final class TensorData {

    private static final Set<DataType> KEPT = EnumSet.of(DataType.FLOAT32, DataType.FLOAT64,
            DataType.INT64, DataType.INT32, DataType.INT16, DataType.INT8, DataType.UINT8, DataType.BOOLEAN);

    private final DataType dtype;
    private final long[] shape;
    private ByteBuffer data;

    /** A tensor whose data is filled in later by {@link #fill}; checkpoint storages arrive last. */
    TensorData(DataType dtype, long[] shape) {
        if (!KEPT.contains(dtype)) {
            throw new IllegalArgumentException("unsupported tensor dtype " + dtype);
        }
        this.dtype = dtype;
        this.shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + shapeString(shape));
            }
            n = d == 0 || n == 0 ? 0 : n > org.dadiff4j.Limits.MAX_TENSOR_BYTES / d ? -1 : n * d;
            if (n < 0) {
                break;
            }
        }
        if (n < 0 || n > org.dadiff4j.Limits.MAX_TENSOR_BYTES / dtype.getNumOfBytes()) {
            throw new IllegalArgumentException("tensor shape " + shapeString(shape) + " is too large (limit "
                    + org.dadiff4j.Limits.MAX_TENSOR_BYTES + " bytes per tensor)");
        }
    }

    void fill(ByteBuffer littleEndian) {
        long need = numel() * dtype.getNumOfBytes();
        if (littleEndian.remaining() != need) {
            throw new IllegalArgumentException("tensor " + shapeString(shape) + " " + dtype + " needs " + need
                    + " bytes, got " + littleEndian.remaining());
        }
        this.data = littleEndian.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A tensor from raw little-endian C-order data of any file dtype; FLOAT16 and BFLOAT16 become
     * FLOAT32. The buffer's remaining bytes must match the shape exactly.
     */
    public static TensorData of(DataType fileDtype, long[] shape, ByteBuffer littleEndian) {
        TensorData t = new TensorData(heldType(fileDtype), shape);
        t.fillRaw(fileDtype, littleEndian);
        return t;
    }

    /** The dtype a tensor stored as {@code fileDtype} is held in: half types widen to float32. */
    static DataType heldType(DataType fileDtype) {
        boolean half = fileDtype == DataType.FLOAT16 || fileDtype == DataType.BFLOAT16;
        return half ? DataType.FLOAT32 : fileDtype;
    }

    /** Fills from data in {@code fileDtype}, widening fp16/bf16 bits to float32. */
    void fillRaw(DataType fileDtype, ByteBuffer littleEndian) {
        ByteBuffer src = littleEndian.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (fileDtype == dtype) {
            fill(src);
            return;
        }
        long n = numel();
        if (heldType(fileDtype) != dtype || src.remaining() != n * 2) {
            throw new IllegalArgumentException("tensor " + shapeString(shape) + " " + fileDtype + " needs "
                    + n * 2 + " bytes, got " + src.remaining());
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(n * 4)).order(ByteOrder.LITTLE_ENDIAN);
        boolean bf16 = fileDtype == DataType.BFLOAT16;
        for (long i = 0; i < n; i++) {
            short h = src.getShort();
            out.putFloat(bf16 ? Half.bf16ToFloat(h) : Half.toFloat(h));
        }
        fill(out.flip());
    }

    /** A float32 tensor. */
    public static TensorData of(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return of(DataType.FLOAT32, shape, b);
    }

    /** An int64 tensor. */
    public static TensorData ofLongs(long[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return of(DataType.INT64, shape, b);
    }

    /** A copy of an NDArray's values (FLOAT16 is widened to float32). */
    public static TensorData fromNDArray(NDArray array) {
        return of(array.getDataType(), array.getShape().getShape(),
                array.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    public DataType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The index of the first NaN or infinite value, or -1 (always -1 for integer tensors). */
    public long firstNonFinite() {
        ByteBuffer b = data();
        if (dtype == DataType.FLOAT32) {
            java.nio.FloatBuffer f = b.asFloatBuffer();
            for (int i = 0, n = f.remaining(); i < n; i++) {
                if (!Float.isFinite(f.get(i))) {
                    return i;
                }
            }
        } else if (dtype == DataType.FLOAT64) {
            java.nio.DoubleBuffer d = b.asDoubleBuffer();
            for (int i = 0, n = d.remaining(); i < n; i++) {
                if (!Double.isFinite(d.get(i))) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The raw little-endian bytes (a read-only view). */
    public ByteBuffer data() {
        return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Values as float32 (float64 rounded once, integers converted). */
    public float[] toFloats() {
        int n = Math.toIntExact(numel());
        float[] out = new float[n];
        ByteBuffer b = data();
        for (int i = 0; i < n; i++) {
            out[i] = (float) read(b);
        }
        return out;
    }

    /** Values as float64. */
    public double[] toDoubles() {
        int n = Math.toIntExact(numel());
        double[] out = new double[n];
        ByteBuffer b = data();
        for (int i = 0; i < n; i++) {
            out[i] = read(b);
        }
        return out;
    }

    /** Values as int64 (floating values truncated toward zero). */
    public long[] toLongs() {
        int n = Math.toIntExact(numel());
        long[] out = new long[n];
        ByteBuffer b = data();
        for (int i = 0; i < n; i++) {
            out[i] = dtype == DataType.INT64 ? b.getLong() : (long) read(b);
        }
        return out;
    }

    private double read(ByteBuffer b) {
        switch (dtype) {
            case FLOAT32: return b.getFloat();
            case FLOAT64: return b.getDouble();
            case INT64: return b.getLong();
            case INT32: return b.getInt();
            case INT16: return b.getShort();
            case INT8: return b.get();
            case UINT8:
            case BOOLEAN: return b.get() & 0xff;
            default: throw new IllegalStateException(dtype.toString());
        }
    }

    /** The same values converted to float32 (this object if it already is). */
    public TensorData toFloat32() {
        return dtype == DataType.FLOAT32 ? this : of(toFloats(), shape);
    }

    /** An NDArray with this dtype and shape, owned by {@code manager}. */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(data(), new Shape(shape), dtype);
    }

    /** The shape as PyTorch prints it: "(3, 4)", "()" for a scalar. */
    public String shapeString() {
        return shapeString(shape);
    }

    static String shapeString(long[] shape) {
        StringJoiner j = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
        for (long d : shape) {
            j.add(Long.toString(d));
        }
        return j.toString();
    }

    @Override
    public String toString() {
        return "TensorData" + shapeString() + " " + dtype;
    }
}
