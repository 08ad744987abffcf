package org.dadiff4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.TensorData;

/**
 * The update the trainers share: global gradient-norm clipping, {@link Adam}, then an exponential
 * moving average of the weights whose decay ramps up as min(decay, (1+t)/(10+t)), so that the
 * early average follows the fast-changing weights. Its checkpoint tensors are the weights
 * ("model."), the average ("ema.") and Adam's moments ("adam.").
 */
final class Optimizer {

    private final Map<String, Parameter> params;
    private final Map<String, Parameter> ema;
    private final Adam adam;
    private final double clipNorm;
    private final double emaDecay;

    Optimizer(Map<String, Parameter> params, Map<String, Parameter> ema, NDManager manager, float beta1, float beta2,
            float eps, double clipNorm, double emaDecay) {
        this.params = params;
        this.ema = ema;
        this.adam = new Adam(params, manager, beta1, beta2, eps);
        this.clipNorm = clipNorm;
        this.emaDecay = emaDecay;
    }

    /**
     * Applies the gradients accumulated for step {@code step} (1-based) at rate {@code lr}, clears
     * them and updates the average; returns the gradient norm before clipping.
     */
    double step(long step, double lr) {
        try (NDScope scope = new NDScope()) {
            Map<String, NDArray> grads = new LinkedHashMap<>();
            double sq = 0;
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                NDArray g = e.getValue().getArray().getGradient();
                grads.put(e.getKey(), g);
                sq += g.square().sum().getFloat();
            }
            double norm = Math.sqrt(sq);
            float clip = norm > clipNorm ? (float) (clipNorm / (norm + 1e-6)) : 1f;
            float decay = (float) Math.min(emaDecay, (1.0 + step) / (10.0 + step));
            adam.tick();
            for (Map.Entry<String, NDArray> e : grads.entrySet()) {
                NDArray g = e.getValue();
                if (clip != 1f) {
                    g.muli(clip);
                }
                NDArray p = params.get(e.getKey()).getArray().stopGradient();
                adam.update(e.getKey(), p, g, (float) lr);
                g.subi(g);
                ema.get(e.getKey()).getArray().muli(decay).addi(p.mul(1 - decay));
            }
            return norm;
        }
    }

    StateDict checkpointTensors() {
        StateDict sd = new StateDict("checkpoint");
        params.forEach((k, p) -> sd.put("model." + k, TensorData.fromNDArray(p.getArray())));
        ema.forEach((k, p) -> sd.put("ema." + k, TensorData.fromNDArray(p.getArray())));
        adam.writeTo(sd, "adam.");
        return sd;
    }

    /** Puts back the weights, the average and Adam's state of a checkpoint taken after {@code step} steps. */
    void restore(StateDict sd, long step) {
        params.forEach((k, p) -> p.getArray().set(sd.require("model." + k).data()));
        ema.forEach((k, p) -> p.getArray().set(sd.require("ema." + k).data()));
        adam.restore(sd, "adam.", step);
    }
}
