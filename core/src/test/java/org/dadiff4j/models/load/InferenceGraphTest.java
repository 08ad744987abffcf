package org.dadiff4j.models.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dadiff4j.models.compact.CompactModel;
import org.dadiff4j.nn.TorchBlock;
import org.junit.jupiter.api.Test;

/**
 * Loaded networks cannot record an autograd graph: none of their weights requires a gradient.
 * PyTorch's grad mode is per thread and on in every new thread (the web server's and Spark's
 * workers), and the graph a loaded prior recorded there kept every sampler step's activations
 * alive: 2.3 GB a step at 320x320, until the server was killed for memory.
 */
class InferenceGraphTest {

    @Test
    void loadedPriorNeedsNoGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            TorchBlock net = Priors.load(Path.of("models/prior.safetensors"), null, m).network();
            assertEquals(List.of(), needingGradients(net.stateDict()));
        }
    }

    @Test
    void loadedDegradationModelNeedsNoGradients() {
        try (CompactModel model = CompactModel.load(Path.of("models/degradation-x4"))) {
            assertEquals(List.of(), needingGradients(model.net().stateDict()));
        }
    }

    private static List<String> needingGradients(Map<String, Parameter> params) {
        assertTrue(params.size() > 10, "loaded " + params.size() + " tensors");
        return params.entrySet().stream().filter(e -> JniUtils.requiresGrad((PtNDArray) e.getValue().getArray()))
                .map(Map.Entry::getKey).toList();
    }
}
