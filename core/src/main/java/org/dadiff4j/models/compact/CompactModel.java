package org.dadiff4j.models.compact;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.StrictLoader;
import org.dadiff4j.weights.WeightsFile;

/**
 * A compact degradation-aware model ({@link CompactNet}) with its own NDManager, as the pipeline
 * uses it: [0, 1] images, deterministic calls, files as {@code name.safetensors} + {@code name.json}.
 * The tensors of a loaded model do not record gradients ({@link StrictLoader}), so inference builds
 * no autograd graph on any thread.
 */
public final class CompactModel implements DegradationAwareModel, AutoCloseable {

    private final CompactNet net;
    private final NDManager manager;
    private final Domain domain;

    private CompactModel(CompactNet net, NDManager manager) {
        this.net = net;
        this.manager = manager;
        CompactConfig c = net.config();
        this.domain = new Domain(0f, 1f, c.lqAtHrSize(), c.scale());
    }

    /** A fresh model whose weights depend only on {@code seed} (PyTorch's default init, tails at zero). */
    public static CompactModel create(CompactConfig config, long seed) {
        CompactNet net = new CompactNet(config);
        NDManager manager = NDManager.newBaseManager();
        StrictLoader.load(net, StateDict.initial(net, seed), manager);
        return new CompactModel(net, manager);
    }

    /** Loads {@code base}.safetensors with the config in {@code base}.json. */
    public static CompactModel load(Path base) {
        WeightsFile f = WeightsFile.load(base);
        CompactNet net = new CompactNet(CompactConfig.fromJson(f.config(), WeightsFile.configPath(base).toString()));
        NDManager manager = NDManager.newBaseManager();
        try {
            StrictLoader.load(net, f.stateDict(), manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return new CompactModel(net, manager);
    }

    /** Saves float32 weights. */
    public void save(Path base) {
        save(base, DataType.FLOAT32);
    }

    /** Saves the weights as FLOAT32 or FLOAT16 (half the size; values rounded to nearest even). */
    public void save(Path base, DataType storage) {
        WeightsFile.save(base, StateDict.fromBlock(net), net.config().toJson(), storage);
    }

    public CompactConfig config() {
        return net.config();
    }

    /** The network, for the trainer (which copies weights in and out through its state dict). */
    public CompactNet net() {
        return net;
    }

    public long parameterCount() {
        return net.stateDict().values().stream().mapToLong(p -> p.getShape().size()).sum();
    }

    @Override
    public Domain domain() {
        return domain;
    }

    @Override
    public Representation encode(NDArray lq) {
        NDManager own = lq.getManager().newSubManager();
        NDArray r = net.encode(new ParameterStore(lq.getManager(), false), lq, false);
        r.attach(own);
        NDScope.unregister(r); // lives until the representation is closed, not with the caller's scope
        return new Latent(own, r, lq.getShape().get(2), lq.getShape().get(3));
    }

    @Override
    public Representation crop(Representation r, int y, int x, int h, int w) {
        Latent l = latent(r);
        NDArray part = DegradationAwareModel.cropMap(l.value, l.lqH, l.lqW, y, x, h, w);
        if (part == null) {
            return null;
        }
        if (part == l.value) {
            return new Latent(null, part, h, w); // a view of a global vector: nothing of its own to close
        }
        NDManager own = l.value.getManager().newSubManager();
        part.attach(own);
        NDScope.unregister(part);
        return new Latent(own, part, h, w);
    }

    private static Latent latent(Representation r) {
        if (!(r instanceof Latent)) {
            throw new IllegalArgumentException("not a representation of a compact model: " + r);
        }
        return (Latent) r;
    }

    @Override
    public NDArray degrade(NDArray x, Representation r) {
        return run(x, r, false);
    }

    @Override
    public NDArray restore(NDArray y, Representation r) {
        return run(y, r, true);
    }

    private NDArray run(NDArray image, Representation r, boolean restore) {
        NDArray latent = latent(r).value;
        ParameterStore ps = new ParameterStore(image.getManager(), false);
        NDArray out = restore ? net.restore(ps, image, latent, false) : net.degrade(ps, image, latent, false);
        out.attach(image.getManager());
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** E's output for one LQ image of lqH x lqW, in a manager of its own (null for a view). */
    private record Latent(NDManager manager, NDArray value, long lqH, long lqW) implements Representation {
        @Override
        public void close() {
            if (manager != null) {
                manager.close();
            }
        }
    }
}
