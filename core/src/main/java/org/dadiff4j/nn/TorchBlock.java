package org.dadiff4j.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DJL block whose children and tensors carry the names of a PyTorch {@code state_dict}, so that
 * official checkpoints load by name and our own weights save under the same names.
 *
 * <p>Every tensor's shape is fixed when the block is built (as in PyTorch), so a block can be
 * initialised without sample inputs and without DJL's shape inference. DJL prefixes child names
 * with a counter ("01conv"); {@link #stateDict()} uses the plain names joined by '.'.
 */
public abstract class TorchBlock extends AbstractBlock {

    private final Map<String, Block> namedChildren = new LinkedHashMap<>();

    /** Registers a child module under its PyTorch attribute name (or list index). */
    protected final <B extends Block> B child(String name, B block) {
        if (namedChildren.containsKey(name)) {
            throw new IllegalArgumentException("duplicate child " + name);
        }
        namedChildren.put(name, block);
        return addChildBlock(name, block);
    }

    /** A trainable weight, initialised like PyTorch's default for conv and linear layers. */
    protected final Parameter weight(String name, Shape shape) {
        return tensor(name, shape, Parameter.Type.WEIGHT, true);
    }

    /** A trainable bias, initialised to zero unless the block sets another initializer. */
    protected final Parameter bias(String name, Shape shape) {
        return tensor(name, shape, Parameter.Type.BIAS, true);
    }

    /** A non-trainable buffer such as running statistics or spectral-norm vectors. */
    protected final Parameter buffer(String name, Shape shape, Parameter.Type type) {
        return tensor(name, shape, type, false);
    }

    /** Registers a tensor of any type. */
    protected final Parameter tensor(String name, Shape shape, Parameter.Type type, boolean grad) {
        return addParameter(Parameter.builder()
                .setName(name)
                .setType(type)
                .optShape(shape)
                .optInitializer(defaultInitializer(type))
                .optRequiresGrad(grad)
                .build());
    }

    private static Initializer defaultInitializer(Parameter.Type type) {
        switch (type) {
            case WEIGHT:
                return new TorchDefaultInitializer();
            case GAMMA:
            case RUNNING_VAR:
                return Initializer.ONES;
            default:
                return Initializer.ZEROS;
        }
    }

    /** Children by PyTorch name, in registration order. */
    public final Map<String, Block> namedChildren() {
        return java.util.Collections.unmodifiableMap(namedChildren);
    }

    /**
     * Every tensor of this block and its descendants, keyed as in PyTorch's {@code state_dict}:
     * own tensors first, in registration order, then each child's under "{child}.".
     */
    public final Map<String, Parameter> stateDict() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect(this, "", out);
        return out;
    }

    private static void collect(Block block, String prefix, Map<String, Parameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            out.put(prefix + p.getValue().getName(), p.getValue());
        }
        if (block instanceof TorchBlock) {
            for (Map.Entry<String, Block> c : ((TorchBlock) block).namedChildren.entrySet()) {
                collect(c.getValue(), prefix + c.getKey() + ".", out);
            }
        } else {
            int i = 0;
            for (Pair<String, Block> c : block.getChildren()) {
                // DJL's own naming is "%02d" + name; strip the counter it added.
                String key = c.getKey();
                String counter = String.format(java.util.Locale.ROOT, "%02d", ++i);
                String name = key.startsWith(counter) ? key.substring(counter.length()) : key;
                collect(c.getValue(), prefix + name + ".", out);
            }
        }
    }

    /** True when every tensor has an array (loaded or initialised). */
    @Override
    public boolean isInitialized() {
        for (Parameter p : getParameters().values()) {
            if (!p.isInitialized()) {
                return false;
            }
        }
        return true;
    }

    /** Gives every tensor without an array its initial value; shapes are known at build time. */
    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        this.inputShapes = inputShapes;
        for (Parameter p : stateDict().values()) {
            p.initialize(manager, dataType);
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
        // Shapes are fixed at construction; initialize() walks the whole tree itself.
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " does not infer shapes; run a forward pass instead");
    }
}
