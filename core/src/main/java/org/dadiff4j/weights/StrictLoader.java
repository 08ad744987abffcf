package org.dadiff4j.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.nn.TorchBlock;

/**
 * Loads a state dict into a {@link TorchBlock} like PyTorch's {@code load_state_dict(strict=True)}:
 * names and shapes must match exactly, and every problem is reported at once.
 *
 * <p>Tensors become float32 arrays, except int64 entries (such as {@code num_batches_tracked}),
 * which stay int64. A tensor that already has an array (the block was initialised) keeps it and
 * receives the values converted to its dtype, so references held elsewhere stay valid.
 *
 * <p>Loaded tensors do not require gradients (a trainer turns that on for what it trains). PyTorch's
 * grad mode is per thread and on by default in every thread the JVM starts, so a loaded network
 * whose weights required gradients recorded an autograd graph on server and Spark worker threads,
 * and the sampler's chain of steps kept every step's activations alive (2.3 GB a step at 320x320).
 */
public final class StrictLoader {

    private StrictLoader() {}

    /**
     * Checks every name and shape, and that every value is finite (one NaN in a weight turns the
     * whole output black), then gives each tensor of {@code block} its value.
     */
    public static void load(TorchBlock block, StateDict sd, NDManager manager) {
        Map<String, Parameter> model = block.stateDict();
        check(model, sd);
        for (Map.Entry<String, TensorData> e : sd.asMap().entrySet()) {
            long bad = e.getValue().firstNonFinite();
            if (bad >= 0) {
                throw new DadiffException(sd.prefix() + "tensor " + e.getKey() + " holds NaN or infinite values"
                        + " (first at element " + bad + "); the weights are broken");
            }
        }
        for (Map.Entry<String, Parameter> e : model.entrySet()) {
            set(e.getValue(), sd.get(e.getKey()), manager);
        }
    }

    /** The one-line mismatch report, or nothing when names and shapes agree. */
    static void check(Map<String, Parameter> model, StateDict sd) {
        List<String> missing = new ArrayList<>();
        List<String> wrongShape = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : model.entrySet()) {
            TensorData t = sd.get(e.getKey());
            long[] want = e.getValue().getShape().getShape();
            if (t == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(want, t.shape())) {
                wrongShape.add(e.getKey() + ": checkpoint " + t.shapeString() + " vs model "
                        + TensorData.shapeString(want));
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String k : sd.keys()) {
            if (!model.containsKey(k)) {
                unexpected.add(k);
            }
        }
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add(StateDict.keys("missing", missing));
        }
        if (!unexpected.isEmpty()) {
            parts.add(StateDict.keys("unexpected", unexpected));
        }
        if (!wrongShape.isEmpty()) {
            parts.add(StateDict.keys("wrong shape", wrongShape));
        }
        if (!parts.isEmpty()) {
            throw new DadiffException(sd.prefix() + String.join("; ", parts));
        }
    }

    private static void set(Parameter p, TensorData t, NDManager manager) {
        if (p.isInitialized()) {
            NDArray target = p.getArray();
            target.set(bytesAs(t, target.getDataType()));
            return;
        }
        DataType type = t.dtype() == DataType.INT64 ? DataType.INT64 : DataType.FLOAT32;
        NDArray array = manager.create(bytesAs(t, type), p.getShape(), type);
        // Parameter.setArray refuses parameters whose shape was fixed at build time, which all
        // TorchBlock tensors are; initialising with an initializer that returns the array is the
        // public way to hand it over.
        Initializer previous = p.getInitializer();
        p.setInitializer((m, shape, dtype) -> array);
        try {
            p.initialize(manager, type);
        } finally {
            p.setInitializer(previous);
        }
        p.getArray().setRequiresGradient(false);
    }

    /** The tensor's values as little-endian bytes of {@code type} (float32, float64, int64, int32). */
    private static ByteBuffer bytesAs(TensorData t, DataType type) {
        if (type == t.dtype()) {
            return t.data();
        }
        int n = Math.toIntExact(t.numel());
        ByteBuffer b = ByteBuffer.allocate(n * type.getNumOfBytes()).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case FLOAT32:
                b.asFloatBuffer().put(t.toFloats());
                break;
            case FLOAT64:
                b.asDoubleBuffer().put(t.toDoubles());
                break;
            case INT64:
                b.asLongBuffer().put(t.toLongs());
                break;
            case INT32:
                for (long v : t.toLongs()) {
                    b.putInt(Math.toIntExact(v));
                }
                b.flip();
                break;
            default:
                throw new IllegalArgumentException("cannot load " + t.dtype() + " values into a " + type + " tensor");
        }
        return b;
    }
}
