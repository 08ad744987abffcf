package org.dadiff4j.models.compact;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.TorchBlock;

/**
 * The body shared by Gd and Gr, at LR resolution: head conv, modulated residual blocks, tail conv.
 * The tail starts at zero, so a fresh generator adds nothing to its skip path.
 */
final class Generator extends TorchBlock {

    private final Conv2d head;
    private final List<ModResBlock> blocks = new ArrayList<>();
    private final Conv2d tail;

    Generator(int in, int out, int channels, int depth, int reprChannels) {
        head = child("head", Layers.conv(in, channels, 3));
        for (int i = 0; i < depth; i++) {
            blocks.add(child("blocks." + i, new ModResBlock(channels, reprChannels)));
        }
        tail = child("tail", Layers.conv(channels, out, 3));
        tail.stateDict().values().forEach(p -> p.setInitializer(Initializer.ZEROS));
    }

    /** {@code x} and {@code r} at the same (LR) resolution. */
    NDArray apply(ParameterStore ps, NDArray x, NDArray r, boolean training) {
        return Scopes.keep(() -> {
            NDArray h = head.apply(ps, x, training);
            for (ModResBlock b : blocks) {
                h = b.apply(ps, h, r, training);
            }
            return tail.apply(ps, Layers.lrelu(h), training);
        });
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1), training));
    }
}
