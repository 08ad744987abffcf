package org.dadiff4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dadiff4j.models.adm.AdmConfig;
import org.dadiff4j.models.adm.UNetModel;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.compact.CompactModel;
import org.dadiff4j.models.compact.CompactNet;
import org.dadiff4j.models.kernel.KernelEstimator;
import org.dadiff4j.nn.Scalars;
import org.dadiff4j.pipeline.RandomModels;
import org.dadiff4j.testutil.GarbageChurn;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.StrictLoader;
import org.junit.jupiter.api.Test;

/**
 * The networks that are trained give the same gradients whether or not the garbage collector runs
 * between the forward and the backward pass. The backward pass once read constants whose Java
 * buffers had been freed (the attention's q·C^-1/4, the kernel estimator's pooling divide), so resumed training runs
 * drifted from unbroken ones at random steps.
 */
class TrainingGradientsTest {

    /** The prior's UNet with the middle block's attention, at 16x16. */
    @Test
    void priorUNet() {
        AdmConfig tiny = new AdmConfig(16, 32, 1, "1,2", false, false, false, "", 2, -1, -1, true, 0.0, false,
                false, false);
        try (NDManager m = NDManager.newBaseManager()) {
            UNetModel net = new UNetModel(tiny);
            StrictLoader.load(net, StateDict.initial(net, 7), m);
            Map<String, Parameter> params = net.stateDict();
            params.values().forEach(p -> p.getArray().addi(
                    RandomModels.uniform(m, p.getArray().size(), -0.1f, 0.1f, p.getArray().getShape())));
            NDArray x = RandomModels.uniform(m, 1, -1f, 1f, new Shape(4, 3, 16, 16));
            NDArray t = m.create(new float[] {1, 200, 400, 900});
            sameWithAndWithoutCollection(params, ps ->
                    net.forward(ps, new NDList(x, t), true).singletonOrThrow().square().mean());
        }
    }

    /** Gr and Gd with the training loss's terms: restoration, degradation and the weighted cycle. */
    @Test
    void degradationModels() {
        CompactConfig c = new CompactConfig(4, 8, 1, 8, 1, 4, false, true);
        try (CompactModel model = CompactModel.create(c, 3); NDManager m = NDManager.newBaseManager()) {
            RandomModels.jitter(model, 0.05f);
            CompactNet net = model.net();
            NDArray hr = RandomModels.uniform(m, 1, 0f, 1f, new Shape(2, 3, 64, 64));
            NDArray lr = RandomModels.uniform(m, 2, 0f, 1f, new Shape(2, 3, 16, 16));
            sameWithAndWithoutCollection(net.stateDict(), ps -> {
                NDArray r = net.encode(ps, lr, true);
                NDArray restored = net.restore(ps, lr, r, true);
                NDArray cycle = net.degrade(ps, restored, r, true).sub(lr).abs().mean();
                return restored.sub(hr).abs().mean().add(net.degrade(ps, hr, r, true).sub(lr).abs().mean())
                        .add(Scalars.mul(cycle, 0.1f));
            });
        }
    }

    /** The kernel estimator with the KL loss of its trainer against a fixed target kernel. */
    @Test
    void kernelEstimator() {
        try (NDManager m = NDManager.newBaseManager()) {
            KernelEstimator net = KernelEstimator.builder().optWidth(4).build().initialized(m);
            NDArray lr = RandomModels.uniform(m, 1, 0f, 1f, new Shape(2, 3, 32, 32));
            NDArray target = m.ones(new Shape(2, (long) net.kernelSize() * net.kernelSize()))
                    .div(net.kernelSize() * net.kernelSize());
            sameWithAndWithoutCollection(net.stateDict(), ps ->
                    net.logits(ps, lr, true).logSoftmax(1).mul(target).sum(new int[] {1}).mean().neg());
        }
    }

    private static void sameWithAndWithoutCollection(Map<String, Parameter> params,
            Function<ParameterStore, NDArray> loss) {
        params.values().forEach(p -> p.getArray().setRequiresGradient(true));
        Map<String, float[]> quiet = gradients(params, loss, false);
        Map<String, float[]> collected = gradients(params, loss, true);
        List<String> differ = new ArrayList<>();
        quiet.forEach((k, g) -> {
            if (!Arrays.equals(g, collected.get(k))) {
                differ.add(k);
            }
        });
        assertTrue(differ.isEmpty(), "gradients changed by a collection before backward: " + differ);
        assertEquals(params.size(), quiet.size());
    }

    private static Map<String, float[]> gradients(Map<String, Parameter> params,
            Function<ParameterStore, NDArray> loss, boolean collect) {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager sub = NDManager.newBaseManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.apply(new ParameterStore(sub, false));
                if (collect) {
                    GarbageChurn.run();
                }
                gc.backward(l);
            }
            params.forEach((k, p) -> {
                NDArray g = p.getArray().getGradient();
                out.put(k, g.toFloatArray());
                g.subi(g);
            });
        }
        return out;
    }
}
