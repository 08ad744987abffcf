package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A {@link TorchBlock} with one input and one output. Networks call {@link #apply} directly, which
 * spares an NDList per layer; DJL callers still go through {@code forward}.
 */
public abstract class UnaryBlock extends TorchBlock {

    /** The layer applied to {@code x}; returns a new array and leaves {@code x} open. */
    public abstract NDArray apply(ParameterStore ps, NDArray x, boolean training);

    @Override
    protected final NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.singletonOrThrow(), training));
    }

    /** The array of {@code p} on the device of {@code like}, or null when {@code p} is null. */
    protected static NDArray value(ParameterStore ps, Parameter p, NDArray like, boolean training) {
        return p == null ? null : ps.getValue(p, like.getDevice(), training);
    }
}
