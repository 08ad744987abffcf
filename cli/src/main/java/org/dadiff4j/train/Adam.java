package org.dadiff4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.TensorData;

/**
 * Adam as in {@code torch.optim.Adam} (no weight decay, no amsgrad), with moments kept by
 * parameter name so that they can be checkpointed and restored exactly. DJL's optimizer keys its
 * state by array identity and cannot be saved, hence this one.
 */
public final class Adam {

    private final float beta1;
    private final float beta2;
    private final float eps;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long t;

    public Adam(Map<String, Parameter> params, NDManager manager, float beta1, float beta2, float eps) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            m.put(e.getKey(), manager.zeros(e.getValue().getShape()));
            v.put(e.getKey(), manager.zeros(e.getValue().getShape()));
        }
    }

    /**
     * One update of {@code param} (a detached alias of the trained tensor) with gradient {@code g};
     * call {@link #tick} once per step before the updates.
     */
    public void update(String name, NDArray param, NDArray g, float lr) {
        NDArray mt = m.get(name);
        NDArray vt = v.get(name);
        mt.muli(beta1).addi(g.mul(1 - beta1));
        vt.muli(beta2).addi(g.square().muli(1 - beta2));
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        NDArray denom = vt.sqrt().divi((float) Math.sqrt(bc2)).addi(eps);
        param.subi(mt.div(denom).muli((float) (lr / bc1)));
    }

    public void tick() {
        t++;
    }

    public long steps() {
        return t;
    }

    /** Moments as "m.{name}" and "v.{name}". */
    public void writeTo(StateDict sd, String prefix) {
        m.forEach((k, a) -> sd.put(prefix + "m." + k, TensorData.fromNDArray(a)));
        v.forEach((k, a) -> sd.put(prefix + "v." + k, TensorData.fromNDArray(a)));
    }

    public void restore(StateDict sd, String prefix, long steps) {
        for (Map.Entry<String, NDArray> e : m.entrySet()) {
            e.getValue().set(sd.require(prefix + "m." + e.getKey()).data());
            v.get(e.getKey()).set(sd.require(prefix + "v." + e.getKey()).data());
        }
        t = steps;
    }
}
