package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.file.Path;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.weights.PytorchCheckpoint;
import org.dadiff4j.weights.StrictLoader;

/**
 * The official MSDI2E of DADiff ({@code basicsr/models/archs/msdi2e_arch.py}) at its hard-coded
 * widths: {@code prior_upsampling}, {@code net_prior} (E), {@code inverse_generator} (Gd, used as
 * A) and {@code generator} (Gr, used as A-dagger); 346 state_dict entries, 284,184,198
 * parameters. Released checkpoints wrap this state_dict as {@code {"params": ...}}.
 */
public final class Msdi2e extends TorchBlock {

    private static final int WF = 64;

    private final PriorUpsampling priorUpsampling;
    private final ConvEncoder netPrior;
    private final HINet inverseGenerator;
    private final HINet generator;
    private final LatentSource latentSource;

    /** Where the SPADE latents of a call come from (a stand-in for E and prior_upsampling). */
    interface LatentSource {
        /** Fresh arrays on every call: the call's scope closes them. */
        NDList latents(ParameterStore ps, NDArray lq, boolean training);
    }

    public Msdi2e() {
        priorUpsampling = child("prior_upsampling", new PriorUpsampling());
        netPrior = child("net_prior", new ConvEncoder());
        inverseGenerator = child("inverse_generator", new HINet(WF));
        generator = child("generator", new HINet(WF));
        latentSource = null;
    }

    /**
     * Generators of any width with latents from {@code source} instead of E: the call protocol of
     * the full network at a size that tests can run (reference/msdi2e-small is HINet width 8).
     */
    Msdi2e(HINet inverseGenerator, HINet generator, LatentSource source) {
        priorUpsampling = null;
        netPrior = null;
        this.inverseGenerator = child("inverse_generator", inverseGenerator);
        this.generator = child("generator", generator);
        latentSource = source;
    }

    /**
     * One official forward: latents from {@code lq}, then {@code [generator(x), inverse_generator(y)]}
     * (the order of the official outputs {@code out, out_inverse}). In training mode every one of
     * the 26 spectral norms advances once, whichever output the caller keeps.
     */
    public NDList apply(ParameterStore ps, NDArray x, NDArray y, NDArray lq, boolean training) {
        return Scoped.list(() -> {
            NDList latents = latents(ps, lq, training);
            NDArray outInverse = inverseGenerator.apply(ps, y, latents, training);
            NDArray out = generator.apply(ps, x, latents, training);
            return new NDList(out, outInverse);
        });
    }

    /** prior_upsampling(net_prior(lq)): the four SPADE latents, finest first. */
    public NDList latents(ParameterStore ps, NDArray lq, boolean training) {
        if (latentSource != null) {
            return Scoped.list(() -> latentSource.latents(ps, lq, training));
        }
        return Scoped.list(() -> priorUpsampling.apply(ps, netPrior.apply(ps, lq, training), training));
    }

    /**
     * Builds the network and loads an official checkpoint (basicsr's {@code {"params": ...}},
     * {@code module.} prefixes allowed) strictly: every name and shape must match.
     */
    public static Msdi2e load(Path checkpoint, NDManager manager) {
        Msdi2e net = new Msdi2e();
        StrictLoader.load(net, PytorchCheckpoint.read(checkpoint), manager);
        return net;
    }

    public ConvEncoder netPrior() {
        return netPrior;
    }

    public PriorUpsampling priorUpsampling() {
        return priorUpsampling;
    }

    /** Gr: LQ (at HR size) to HQ. */
    public HINet generator() {
        return generator;
    }

    /** Gd: HQ to LQ (at HR size). */
    public HINet inverseGenerator() {
        return inverseGenerator;
    }

    /** Inputs x, y, lq; outputs out, out_inverse. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return apply(ps, inputs.get(0), inputs.get(1), inputs.get(2), training);
    }
}
