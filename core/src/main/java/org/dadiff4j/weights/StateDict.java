package org.dadiff4j.weights;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.dadiff4j.DadiffException;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.nn.TorchDefaultInitializer;

/**
 * An ordered map from PyTorch state_dict names to tensors, with the file (or other source) it came
 * from, for error messages.
 */
public final class StateDict {

    private final String source;
    private final Map<String, TensorData> tensors;

    /** An empty state dict; {@code source} names its origin in error messages (may be null). */
    public StateDict(String source) {
        this(source, new LinkedHashMap<>());
    }

    private StateDict(String source, Map<String, TensorData> tensors) {
        this.source = source;
        this.tensors = tensors;
    }

    /** Every tensor of an initialised block, named as in its {@link TorchBlock#stateDict()}. */
    public static StateDict fromBlock(TorchBlock block) {
        StateDict sd = new StateDict(block.getClass().getSimpleName());
        for (Map.Entry<String, Parameter> e : block.stateDict().entrySet()) {
            if (!e.getValue().isInitialized()) {
                throw new IllegalStateException(sd.source + ": tensor " + e.getKey() + " is not initialized");
            }
            sd.put(e.getKey(), TensorData.fromNDArray(e.getValue().getArray()));
        }
        return sd;
    }

    /**
     * Initial values for a fresh block: weights with PyTorch's default initializer,
     * U(-1/sqrt(fan_in), 1/sqrt(fan_in)), are drawn in Java from {@code seed} in state_dict order
     * (so they do not depend on the engine's global generator); every other tensor comes from its
     * own constant initializer (blocks set zeros where a layer starts at zero).
     */
    public static StateDict initial(TorchBlock block, long seed) {
        StateDict sd = new StateDict("initial weights");
        SplittableRandom rng = new SplittableRandom(seed);
        try (NDManager m = NDManager.newBaseManager()) {
            for (Map.Entry<String, Parameter> e : block.stateDict().entrySet()) {
                Parameter p = e.getValue();
                long[] shape = p.getShape().getShape();
                if (p.getInitializer() instanceof TorchDefaultInitializer) {
                    float[] v = new float[Math.toIntExact(p.getShape().size())];
                    double bound = 1.0 / Math.sqrt(p.getShape().size() / shape[0]);
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
                    }
                    sd.put(e.getKey(), TensorData.of(v, shape));
                } else {
                    sd.put(e.getKey(), TensorData.fromNDArray(p.getInitializer().initialize(m, p.getShape(),
                            DataType.FLOAT32)));
                }
            }
        }
        return sd;
    }

    /** Where the tensors came from (a file name), or null. */
    public String source() {
        return source;
    }

    /** Adds or replaces a tensor; new names go last. */
    public StateDict put(String name, TensorData tensor) {
        tensors.put(name, tensor);
        return this;
    }

    /** The tensor with this name, or null. */
    public TensorData get(String name) {
        return tensors.get(name);
    }

    /** The tensor with this name; a missing name is an error naming the source. */
    public TensorData require(String name) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new DadiffException(prefix() + "no tensor named " + name);
        }
        return t;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** Names in file order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    /** Name to tensor, in file order (read-only). */
    public Map<String, TensorData> asMap() {
        return Collections.unmodifiableMap(tensors);
    }

    public int size() {
        return tensors.size();
    }

    /** Total number of elements. */
    public long numel() {
        long n = 0;
        for (TensorData t : tensors.values()) {
            n += t.numel();
        }
        return n;
    }

    /**
     * The entries whose names start with {@code prefix}, with the prefix removed (e.g. "net_g." to
     * take one network of a bundle); other entries are dropped.
     */
    public StateDict sub(String prefix) {
        StateDict out = new StateDict(source);
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                out.put(e.getKey().substring(prefix.length()), e.getValue());
            }
        }
        return out;
    }

    /**
     * Removes {@code prefix} from every name that starts with it (as basicsr does with "module."
     * from DataParallel); other names stay. Two names becoming equal is an error.
     */
    public StateDict stripPrefix(String prefix) {
        StateDict out = new StateDict(source);
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            String k = e.getKey().startsWith(prefix) ? e.getKey().substring(prefix.length()) : e.getKey();
            if (out.contains(k)) {
                throw new DadiffException(prefix() + "both " + k + " and " + prefix + k
                        + " are present");
            }
            out.put(k, e.getValue());
        }
        return out;
    }

    /** The same entries with another source name. */
    public StateDict withSource(String newSource) {
        return new StateDict(newSource, new LinkedHashMap<>(tensors));
    }

    String prefix() {
        return source == null ? "" : source + ": ";
    }

    /** "n key" or "n keys" and the list, for messages. */
    /** At most this many names are listed in a mismatch report, so that it stays one readable line. */
    static final int LISTED = 6;

    static String keys(String what, List<String> names) {
        String listed = names.size() <= LISTED ? String.join(", ", names)
                : String.join(", ", names.subList(0, LISTED)) + ", ... (" + (names.size() - LISTED) + " more)";
        return what + " " + names.size() + (names.size() == 1 ? " key [" : " keys [") + listed + "]";
    }

    @Override
    public String toString() {
        return "StateDict(" + source + ", " + tensors.size() + " tensors)";
    }
}
