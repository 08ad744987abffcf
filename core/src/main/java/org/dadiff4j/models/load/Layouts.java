package org.dadiff4j.models.load;

import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.weights.StateDict;

/** Recognising a network from a checkpoint's tensor names and shapes, without loading values. */
final class Layouts {

    private Layouts() {}

    /** Name to shape of every tensor in {@code sd}. */
    static Map<String, long[]> shapes(StateDict sd) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String k : sd.keys()) {
            out.put(k, sd.get(k).shape());
        }
        return out;
    }

    /** True when {@code block}'s state_dict has exactly the names and shapes in {@code shapes}. */
    static boolean matches(TorchBlock block, Map<String, long[]> shapes) {
        Map<String, Parameter> sd = block.stateDict();
        if (sd.size() != shapes.size()) {
            return false;
        }
        for (Map.Entry<String, Parameter> e : sd.entrySet()) {
            long[] s = shapes.get(e.getKey());
            if (s == null || !Arrays.equals(s, e.getValue().getShape().getShape())) {
                return false;
            }
        }
        return true;
    }
}
