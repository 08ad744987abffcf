package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.BatchNorm2d;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.TorchBlock;

/**
 * SPADE modulation: BatchNorm2d(affine=False)(x) * (1 + gamma) + beta, with gamma and beta
 * = conv3(ReLU(conv3(latent -> 128))) and the latent nearest-resized to x's size.
 */
final class Spade extends TorchBlock {

    private static final int HIDDEN = 128;

    private final BatchNorm2d norm;
    private final Conv2d shared;
    private final Conv2d gamma;
    private final Conv2d beta;

    Spade(int channels, int labelChannels) {
        norm = child("param_free_norm", new BatchNorm2d(channels, false));
        shared = child("mlp_shared.0", Ops.conv(labelChannels, HIDDEN, 3, 1));
        gamma = child("mlp_gamma", Ops.conv(HIDDEN, channels, 3, 1));
        beta = child("mlp_beta", Ops.conv(HIDDEN, channels, 3, 1));
    }

    /** Training mode uses (and updates) batch statistics, eval mode the running ones. */
    NDArray apply(ParameterStore ps, NDArray x, NDArray latent, boolean training) {
        return Scopes.keep(() -> {
            NDArray normalized = norm.apply(ps, x, training);
            NDArray seg = Ops.nearest(latent, x.getShape().get(2), x.getShape().get(3));
            NDArray actv = Activation.relu(shared.apply(ps, seg, training));
            NDArray scale = gamma.apply(ps, actv, training).addi(1);
            return normalized.muli(scale).addi(beta.apply(ps, actv, training));
        });
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1), training));
    }
}
