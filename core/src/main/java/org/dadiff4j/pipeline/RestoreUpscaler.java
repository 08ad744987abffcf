package org.dadiff4j.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.dadiff4j.image.Picture;
import org.dadiff4j.image.Tensors;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.models.DegradationAwareModel.Representation;
import org.dadiff4j.models.SelfEnsemble;

/** The restoration network alone, Gr(y, E(y)): the paper's MsdiNet column, a regression baseline. */
public final class RestoreUpscaler implements Upscaler {

    private final SelfEnsemble model;
    private final int scale;

    /** @param ensemble how many transforms Gr is averaged over (1: Gr alone) */
    public RestoreUpscaler(DegradationAwareModel model, int ensemble, int scale) {
        this.model = new SelfEnsemble(model, ensemble);
        this.scale = scale;
    }

    @Override
    public int scale() {
        return scale;
    }

    /** One tick per Gr call. */
    @Override
    public int steps() {
        return model.size();
    }

    @Override
    public Picture upscale(Picture lr, long seed, ProgressListener progress) {
        int multiple = model.domain().sizeMultiple();
        int w = lr.width();
        int h = lr.height();
        int wp = padTo(w * scale, multiple, scale) / scale;
        int hp = padTo(h * scale, multiple, scale) / scale;
        Picture padded = wp == w && hp == h ? lr
                : Picture.of(wp, hp, Padding.reflect(lr.planes(), w, h, wp, hp), null, lr.bitDepth());
        float[][] planes;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = Tensors.toNchwRgb(m, padded);
            NDArray lq = LearnedFactory.lq(model, y, scale);
            try (Representation r = model.encode(lq)) {
                NDArray restored = model.restore(lq, r, done -> progress.stepDone(done, model.size()));
                NonFiniteResult.check(restored, "restoration network Gr");
                planes = Tensors.planes(restored.clip(0f, 1f));
            }
        }
        return lr.withColor(Padding.crop(planes, wp * scale, w * scale, h * scale), w * scale, h * scale);
    }

    /** The smallest size >= n that is a multiple of both {@code multiple} and {@code scale}. */
    static int padTo(int n, int multiple, int scale) {
        int step = lcm(Math.max(1, multiple), scale);
        return (n + step - 1) / step * step;
    }

    static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
