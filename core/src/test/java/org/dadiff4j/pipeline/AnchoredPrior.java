package org.dadiff4j.pipeline;

import ai.djl.ndarray.NDArray;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.sampling.NoiseSchedule;

/**
 * A bounded stand-in prior for pipeline tests (the trick of dadiff-loop-small case d): the exact
 * denoiser of a mid-gray image plus a small share of a real network's prediction,
 * eps = x / sqrt(1 - at) + lambda * net(x, t). The reference networks have random weights, so on
 * their own they drive every pixel into the clamp; anchored, the samples stay in range while the
 * network still runs on every tile.
 */
final class AnchoredPrior implements DiffusionPrior {

    private final DiffusionPrior net;
    private final float lambda;
    private final float[] anchor;
    private final NoiseSchedule schedule = NoiseSchedule.linear();

    AnchoredPrior(DiffusionPrior net, float lambda) {
        this(net, lambda, null);
    }

    /**
     * Anchored at an image x0_ref in [-1,1] units (NCHW values of the whole sample; the prior must
     * then run untiled): eps = (x - sqrt(at) x0_ref) / sqrt(1 - at) + lambda * net(x, t), in that
     * float32 op order, as dadiff-loop-small's case d.
     */
    AnchoredPrior(DiffusionPrior net, float lambda, float[] anchor) {
        this.net = net;
        this.lambda = lambda;
        this.anchor = anchor;
    }

    @Override
    public NDArray epsilon(NDArray x, NDArray t) {
        float at = schedule.alphaBar((int) t.toFloatArray()[0]);
        if (anchor == null) {
            NDArray e = x.div((float) Math.sqrt(1f - at));
            return lambda == 0 ? e : e.addi(net.epsilon(x, t).muli(lambda)); // 0: the anchor alone, no call
        }
        try (NDArray x0 = x.getManager().create(anchor, x.getShape())) {
            NDArray e = x.sub(x0.muli((float) Math.sqrt(at))).divi((float) Math.sqrt(1f - at));
            return e.addi(net.epsilon(x, t).muli(lambda));
        }
    }

    @Override
    public NDArray forwardRaw(NDArray x, NDArray t) {
        return epsilon(x, t);
    }

    @Override
    public int imageSize() {
        return net.imageSize();
    }

    @Override
    public int sizeMultiple() {
        return net.sizeMultiple();
    }

    @Override
    public boolean learnsSigma() {
        return false;
    }

    @Override
    public TorchBlock network() {
        return net.network();
    }
}
