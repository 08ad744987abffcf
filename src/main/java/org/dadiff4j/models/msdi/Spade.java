package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.BatchNorm2d;
import org.dadiff4j.nn.TorchBlock;

/**
 * SPADE modulation: BatchNorm2d(affine=False)(x) * (1 + gamma) + beta, with gamma and beta
 * = conv3(ReLU(conv3(latent -> 128))) and the latent nearest-resized to x's size.
 */
final class Spade extends TorchBlock {

    private static final int HIDDEN = 128;

    private final BatchNorm2d norm;
    private final PlainConv shared;
    private final PlainConv gamma;
    private final PlainConv beta;

    Spade(int channels, int labelChannels) {
        norm = child("param_free_norm", new BatchNorm2d(channels, false));
        shared = child("mlp_shared.0", new PlainConv(labelChannels, HIDDEN, 3, 1, 1, true));
        gamma = child("mlp_gamma", new PlainConv(HIDDEN, channels, 3, 1, 1, true));
        beta = child("mlp_beta", new PlainConv(HIDDEN, channels, 3, 1, 1, true));
    }

    /** Training mode uses (and updates) batch statistics, eval mode the running ones. */
    NDArray apply(NDArray x, NDArray latent, boolean training) {
        return Scoped.one(() -> {
            NDArray normalized = norm.apply(x, training);
            NDArray seg = Ops.nearest(latent, x.getShape().get(2), x.getShape().get(3));
            NDArray actv = Activation.relu(shared.apply(seg));
            NDArray scale = gamma.apply(actv).addi(1);
            return normalized.muli(scale).addi(beta.apply(actv));
        });
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(inputs.get(0), inputs.get(1), training));
    }
}
