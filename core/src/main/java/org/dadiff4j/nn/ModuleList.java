package org.dadiff4j.nn;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Children under chosen names and nothing else, like PyTorch's {@code nn.ModuleList} or a
 * {@code nn.Sequential} whose owner runs the layers itself. It has no forward of its own.
 */
public final class ModuleList extends TorchBlock {

    /** Adds {@code block} under {@code name} and returns it. */
    public <B extends Block> B add(String name, B block) {
        return child(name, block);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        throw new UnsupportedOperationException("a ModuleList only names children; its owner runs them");
    }
}
