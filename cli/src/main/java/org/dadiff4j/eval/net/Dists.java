package org.dadiff4j.eval.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dadiff4j.DadiffException;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.TensorData;
import org.dadiff4j.weights.WeightsFile;

/**
 * DISTS (Ding et al. 2020, {@code DISTS_pytorch.DISTS}) in eval mode, for images in [0,1]:
 * ImageNet normalisation, VGG16 with L2 pooling, and per stage and channel a structure term S1
 * (means) and a texture term S2 (variances, covariance) over the raw image and the five stage
 * outputs, weighted by the learned alpha and beta; the distance is 1 − their weighted sum.
 */
public final class Dists implements AutoCloseable {

    /** Channels of the compared maps: the image, relu1_2, relu2_2, relu3_3, relu4_3, relu5_3. */
    private static final int[] CHANNELS = {3, 64, 128, 256, 512, 512};
    private static final long WEIGHTS = Arrays.stream(CHANNELS).sum();
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};
    private static final float C1 = 1e-6f;
    private static final float C2 = 1e-6f;

    private final NDManager manager;
    private final ConvFeatures backbone;
    private final NDArray mean;
    private final NDArray std;
    /** alpha / (Σalpha + Σbeta) and beta / (Σalpha + Σbeta), split per compared map, each [1,C,1,1]. */
    private final NDArray[] alpha = new NDArray[CHANNELS.length];
    private final NDArray[] beta = new NDArray[CHANNELS.length];

    private Dists(StateDict vgg16, StateDict weights) {
        manager = NDManager.newBaseManager();
        try {
            backbone = ConvFeatures.vgg16L2Pooling();
            backbone.load(vgg16, manager);
            mean = manager.create(MEAN, new Shape(1, 3, 1, 1));
            std = manager.create(STD, new Shape(1, 3, 1, 1));
            try (NDArray a = weight(weights, "alpha"); NDArray b = weight(weights, "beta");
                    NDArray sa = a.sum(); NDArray sb = b.sum(); NDArray wSum = sa.add(sb);
                    NDArray an = a.div(wSum); NDArray bn = b.div(wSum)) {
                long from = 0;
                for (int k = 0; k < CHANNELS.length; k++) {
                    NDIndex part = new NDIndex(":, {}:{}", from, from + CHANNELS[k]);
                    alpha[k] = an.get(part);
                    beta[k] = bn.get(part);
                    from += CHANNELS[k];
                }
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private NDArray weight(StateDict weights, String key) {
        TensorData t = weights.get(key);
        if (t == null || !Arrays.equals(t.shape(), new long[] {1, WEIGHTS, 1, 1})) {
            throw new DadiffException(weights.source() + ": expected DISTS weights alpha and beta of shape [1, "
                    + WEIGHTS + ", 1, 1], " + (t == null ? key + " is missing" : key + " is " + t.shapeString()));
        }
        return manager.create(t.toFloats(), new Shape(t.shape()));
    }

    /**
     * DISTS from the torchvision {@code vgg16-397923af.pth} (only {@code features.*} is used) and the
     * official {@code DISTS_pytorch/weights.pt} ({alpha, beta}).
     */
    public static Dists load(Path vgg16, Path weights) {
        return of(WeightsFile.read(vgg16), WeightsFile.read(weights));
    }

    /** DISTS from state dicts laid out as those files. */
    public static Dists of(StateDict vgg16, StateDict weights) {
        return new Dists(vgg16, weights);
    }

    /** The distance per image pair, [N], of two [N,3,H,W] batches in [0,1]. */
    public NDArray distance(NDArray x, NDArray y) {
        if (!x.getShape().equals(y.getShape()) || x.getShape().dimension() != 4 || x.getShape().get(1) != 3) {
            throw new IllegalArgumentException("expected two [N,3,H,W] batches of one shape, got "
                    + x.getShape() + " and " + y.getShape());
        }
        return Scopes.keep(() -> {
            List<NDArray> fx = features(x);
            List<NDArray> fy = features(y);
            NDArray dist1 = null;
            NDArray dist2 = null;
            for (int k = 0; k < CHANNELS.length; k++) {
                NDArray a = fx.get(k);
                NDArray b = fy.get(k);
                NDArray ma = meanHw(a);
                NDArray mb = meanHw(b);
                NDArray s1 = ma.mul(2).muli(mb).addi(C1).divi(ma.mul(ma).addi(mb.mul(mb)).addi(C1));
                NDArray t1 = s1.muli(alpha[k]).sum(new int[] {1}, true);
                dist1 = dist1 == null ? t1 : dist1.addi(t1);
                NDArray va = meanHw(a.sub(ma).square());
                NDArray vb = meanHw(b.sub(mb).square());
                NDArray cov = meanHw(a.mul(b)).subi(ma.mul(mb));
                NDArray s2 = cov.muli(2).addi(C2).divi(va.addi(vb).addi(C2));
                NDArray t2 = s2.muli(beta[k]).sum(new int[] {1}, true);
                dist2 = dist2 == null ? t2 : dist2.addi(t2);
            }
            return dist1.addi(dist2).reshape(-1).neg().addi(1);
        });
    }

    /** The six compared maps of a batch in [0,1]: the image itself, then the five stage outputs. */
    public List<NDArray> features(NDArray x) {
        ParameterStore ps = new ParameterStore(x.getManager(), false);
        NDList out = new NDList(x.duplicate());
        try (NDArray centred = x.sub(mean); NDArray h = centred.div(std)) {
            out.addAll(backbone.taps(ps, h));
        }
        return out;
    }

    /** Mean over H and W, kept as [N,C,1,1]. */
    private static NDArray meanHw(NDArray f) {
        Shape s = f.getShape();
        try (NDArray flat = f.reshape(s.get(0), s.get(1), -1)) {
            return flat.mean(new int[] {2}, true).reshape(s.get(0), s.get(1), 1, 1);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
