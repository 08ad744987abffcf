package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.dadiff4j.models.DegradationAwareModel;

/**
 * The official MSDI2E as a {@link DegradationAwareModel}: Gd is {@code inverse_generator}, Gr is
 * {@code generator}, E is {@code prior_upsampling(net_prior(.))}. Images are in [0, 1] and LQ
 * images live at HR size; the encoder resizes its input bilinearly to 256x256.
 *
 * <p>In {@link MsdiMode#OFFICIAL} mode {@link #encode} only keeps the LQ image and every
 * {@link #degrade} or {@link #restore} is one full MSDI2E call, re-encoding the LQ image and running
 * both generators (the other one on the same input, its output dropped), exactly as each call of
 * DADiff's sampler does. In {@link MsdiMode#EVAL} mode the latents are computed once by
 * {@link #encode} and each call runs one generator.
 */
public final class MsdiModel implements DegradationAwareModel {

    private static final Domain DOMAIN = new Domain(0f, 1f, true, 16);

    private final Msdi2e net;
    private final MsdiMode mode;

    /** {@code net} must be loaded; it is used, not copied, so its spectral-norm state advances. */
    public MsdiModel(Msdi2e net, MsdiMode mode) {
        this.net = net;
        this.mode = mode;
    }

    public MsdiMode mode() {
        return mode;
    }

    @Override
    public Domain domain() {
        return DOMAIN;
    }

    @Override
    public Representation encode(NDArray lq) {
        Latents r = new Latents(lq.getManager().newSubManager());
        if (mode.training()) {
            r.lq = lq.duplicate();
            r.lq.attach(r.manager);
        } else {
            r.latents = net.latents(new ParameterStore(lq.getManager(), false), lq, false);
            r.latents.attach(r.manager);
            r.lqH = lq.getShape().get(2);
            r.lqW = lq.getShape().get(3);
        }
        return r;
    }

    /**
     * Eval mode only: official mode's batch statistics depend on the whole image. In eval mode the
     * HINets' half-instance norms still take their statistics per call, so a tile is normalised over
     * itself (as the networks were trained, on crops); tiles of 256 or more keep this close.
     */
    @Override
    public Representation crop(Representation r, int y, int x, int h, int w) {
        Latents l = (Latents) r;
        if (mode.training() || l.latents == null) {
            return null;
        }
        Latents part = new Latents(l.manager.newSubManager());
        part.latents = new NDList();
        for (NDArray map : l.latents) {
            NDArray c = DegradationAwareModel.cropMap(map, l.lqH, l.lqW, y, x, h, w);
            if (c == null) {
                part.close();
                return null;
            }
            c = c == map ? map.duplicate() : c;
            c.attach(part.manager);
            part.latents.add(c);
        }
        part.lqH = h;
        part.lqW = w;
        return part;
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
        Latents l = (Latents) r;
        ParameterStore ps = new ParameterStore(image.getManager(), false);
        NDArray out;
        if (mode.training()) {
            NDList both = net.apply(ps, image, image, l.lq, true);
            out = both.get(restore ? 0 : 1);
            both.get(restore ? 1 : 0).close();
        } else {
            out = (restore ? net.generator() : net.inverseGenerator()).apply(ps, image, l.latents, false);
        }
        out.attach(image.getManager());
        return out;
    }

    /** The LQ image (official mode) or its latents (eval mode), in a manager of their own. */
    private static final class Latents implements Representation {
        private final NDManager manager;
        private NDArray lq;
        private NDList latents;
        private long lqH;
        private long lqW;

        Latents(NDManager manager) {
            this.manager = manager;
        }

        @Override
        public void close() {
            manager.close();
        }
    }
}
