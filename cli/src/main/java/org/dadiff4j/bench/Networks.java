package org.dadiff4j.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.adm.AdmConfig;
import org.dadiff4j.models.adm.UNetModel;
import org.dadiff4j.nn.TorchBlock;

/** Networks with random weights, for timing without checkpoints. */
public final class Networks {

    private Networks() {}

    /**
     * The small reference ADM of the shared data ({@code reference/adm-small}): 64x64, 32 channels,
     * one res block per level, attention at 16 and 8, learned sigma; 4.47M parameters.
     */
    public static AdmConfig admSmall() {
        return new AdmConfig(64, 32, 1, "", true, false, false, "16,8", 2, 8, -1, true, 0.0, true, false, false);
    }

    /** An ADM built from {@code config} with PyTorch's default initialisation, as a prior. */
    public static DiffusionPrior adm(AdmConfig config, NDManager manager) {
        UNetModel net = new UNetModel(config);
        initialize(net, manager);
        return net.asPrior();
    }

    /** Random initial values for every tensor of {@code block}, recording no gradients. */
    public static <T extends TorchBlock> T initialize(T block, NDManager manager) {
        block.initialize(manager, DataType.FLOAT32);
        for (Parameter p : block.stateDict().values()) {
            p.getArray().setRequiresGradient(false);
        }
        return block;
    }

    /** Number of values in the block's state_dict. */
    public static long parameters(TorchBlock block) {
        return block.stateDict().values().stream().mapToLong(p -> p.getShape().size()).sum();
    }
}
