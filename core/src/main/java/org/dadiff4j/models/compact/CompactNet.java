package org.dadiff4j.models.compact;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.nn.Upsample;

/**
 * The three networks of a compact model with their resampling, as differentiable functions (the
 * trainer calls these under a gradient collector; {@link CompactModel} wraps them for inference).
 *
 * <ul>
 *   <li>E: {@code encoder(lq)}, lq first unshuffled to LR resolution when it lives at HR size.</li>
 *   <li>Gd: {@code areaDown(x) + degrader(unshuffle(x), r)} at LR resolution, then bilinearly
 *       resized to HR size when LQ images live there.</li>
 *   <li>Gr: {@code skip(y) + shuffle(restorer(y', r))}, where skip is the bilinear upsampling of y
 *       (or y itself at HR size) and y' is y (or its unshuffle).</li>
 * </ul>
 */
public final class CompactNet extends TorchBlock {

    private final CompactConfig config;
    private final Encoder encoder;
    private final Generator degrader;
    private final Generator restorer;

    public CompactNet(CompactConfig config) {
        this.config = config;
        int s2 = config.scale() * config.scale();
        int lqIn = config.lqAtHrSize() ? 3 * s2 : 3;
        encoder = child("encoder", new Encoder(lqIn, config.encoderChannels(), config.encoderBlocks(),
                config.reprChannels(), config.globalRepresentation(), config.statsPooling(), config.cues()));
        degrader = child("degrader", new Generator(3 * s2, 3, config.channels(), config.blocks(),
                config.reprChannels()));
        restorer = child("restorer", new Generator(lqIn, 3 * s2, config.channels(), config.restoreBlocks(),
                config.reprChannels()));
    }

    public CompactConfig config() {
        return config;
    }

    /** E(lq): [N, reprChannels, h, w] at LR resolution. */
    public NDArray encode(ParameterStore ps, NDArray lq, boolean training) {
        checkLq(lq);
        return Scopes.keep(() -> encoder.apply(ps, lqInput(lq), lq, training));
    }

    /** Gd(x, r): the LQ version of HR image {@code x}. */
    public NDArray degrade(ParameterStore ps, NDArray x, NDArray r, boolean training) {
        int s = config.scale();
        return Scopes.keep(() -> {
            NDArray lr = Resampling.areaDown(x, s).addi(degrader.apply(ps, Resampling.unshuffle(x, s), r, training));
            Shape hr = x.getShape();
            return config.lqAtHrSize() ? Upsample.bilinear(lr, hr.get(2), hr.get(3)) : lr;
        });
    }

    /** Gr(y, r): the HR version of LQ image {@code y}. */
    public NDArray restore(ParameterStore ps, NDArray y, NDArray r, boolean training) {
        checkLq(y);
        int s = config.scale();
        return Scopes.keep(() -> {
            Shape sh = y.getShape();
            NDArray skip = config.lqAtHrSize() ? y : Upsample.bilinear(y, sh.get(2) * s, sh.get(3) * s);
            NDArray residual = Resampling.shuffle(restorer.apply(ps, lqInput(y), r, training), s);
            return residual.addi(skip);
        });
    }

    private NDArray lqInput(NDArray lq) {
        return config.lqAtHrSize() ? Resampling.unshuffle(lq, config.scale()) : lq;
    }

    private void checkLq(NDArray lq) {
        Shape s = lq.getShape();
        if (s.dimension() != 4 || s.get(1) != 3) {
            throw new IllegalArgumentException("expected an RGB NCHW image, got " + s);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray r = encode(ps, inputs.get(1), training);
        return new NDList(degrade(ps, inputs.get(0), r, training), restore(ps, inputs.get(1), r, training));
    }
}
