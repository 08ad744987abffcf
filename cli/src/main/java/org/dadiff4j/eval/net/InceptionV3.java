package org.dadiff4j.eval.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.dadiff4j.nn.Upsample;
import org.dadiff4j.nn.Linear;
import org.dadiff4j.nn.Scopes;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.nn.UnaryBlock;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.StrictLoader;

/**
 * pytorch-fid's {@code InceptionV3([3])}: torchvision's Inception v3 with the FID blocks
 * (Mixed_5b..5d = FIDInceptionA, Mixed_6b..6e = FIDInceptionC, Mixed_7b/7c = FIDInceptionE_1/_2),
 * eval mode, returning the 2048 pool3 features. Its state_dict is that of
 * {@code pt_inception-2015-12-05-6726825d.pth}, loaded strictly as pytorch-fid does; {@code fc}
 * is part of that file but not of the pool3 computation.
 */
public final class InceptionV3 extends TorchBlock {

    /** The input side the network is run at. */
    public static final int SIZE = 299;
    /** Number of blocks of the pytorch-fid wrapper; block 3 ends in pool3. */
    public static final int BLOCKS = 4;
    /** pool3 feature count. */
    public static final int FEATURES = 2048;

    private final UnaryBlock[][] blocks;

    public InceptionV3() {
        BasicConv2d c1a = child("Conv2d_1a_3x3", BasicConv2d.square(3, 32, 3, 2, 0));
        BasicConv2d c2a = child("Conv2d_2a_3x3", BasicConv2d.square(32, 32, 3, 1, 0));
        BasicConv2d c2b = child("Conv2d_2b_3x3", BasicConv2d.square(32, 64, 3, 1, 1));
        BasicConv2d c3b = child("Conv2d_3b_1x1", BasicConv2d.square(64, 80, 1, 1, 0));
        BasicConv2d c4a = child("Conv2d_4a_3x3", BasicConv2d.square(80, 192, 3, 1, 0));
        UnaryBlock[] mixed5and6 = {
            child("Mixed_5b", new InceptionA(192, 32)),
            child("Mixed_5c", new InceptionA(256, 64)),
            child("Mixed_5d", new InceptionA(288, 64)),
            child("Mixed_6a", new InceptionB(288)),
            child("Mixed_6b", new InceptionC(768, 128)),
            child("Mixed_6c", new InceptionC(768, 160)),
            child("Mixed_6d", new InceptionC(768, 160)),
            child("Mixed_6e", new InceptionC(768, 192))};
        UnaryBlock[] mixed7 = {
            child("Mixed_7a", new InceptionD(768)),
            child("Mixed_7b", new InceptionE(1280, false)),
            child("Mixed_7c", new InceptionE(2048, true))};
        child("fc", Linear.builder().setInFeatures(FEATURES).setOutFeatures(1008).build());
        blocks = new UnaryBlock[][] {{c1a, c2a, c2b}, {c3b, c4a}, mixed5and6, mixed7};
    }

    /** Loads {@code pt_inception-2015-12-05-6726825d.pth} (or a state dict with its exact layout). */
    public void load(StateDict sd, NDManager manager) {
        StrictLoader.load(this, sd, manager);
    }

    /**
     * pytorch-fid's input handling of images in [0,1]: bilinear resize to 299×299
     * (align_corners=False, no antialiasing even when shrinking), then 2x − 1.
     */
    public NDArray preprocess(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != 3) {
            throw new IllegalArgumentException("expected [N,3,H,W] images, got " + s);
        }
        return Scopes.keep(() -> Upsample.bilinear(x, SIZE, SIZE).muli(2).subi(1));
    }

    /**
     * Block {@code index} of the wrapper: 0 = 1a, 2a, 2b, max pool; 1 = 3b, 4a, max pool;
     * 2 = Mixed_5b..6e; 3 = Mixed_7a..7c and the global average pool ([N,2048,1,1]).
     */
    public NDArray block(ParameterStore ps, int index, NDArray x) {
        if (index < 0 || index >= BLOCKS) {
            throw new IllegalArgumentException("block index " + index + " is not in 0.." + (BLOCKS - 1));
        }
        return Scopes.keep(() -> {
            NDArray h = x;
            for (UnaryBlock layer : blocks[index]) {
                h = layer.apply(ps, h, false);
            }
            if (index < 2) {
                return Pooling.max(h, 3, 2, 0);
            }
            if (index == 3) {
                // AdaptiveAvgPool2d(1) is a mean over H and W (PyTorch computes it as such).
                Shape s = h.getShape();
                return h.reshape(s.get(0), s.get(1), -1).mean(new int[] {2}).reshape(s.get(0), s.get(1), 1, 1);
            }
            return h;
        });
    }

    /** The pool3 features [N,2048] of images [N,3,H,W] in [0,1]. */
    public NDArray pool3(ParameterStore ps, NDArray x) {
        return Scopes.keep(() -> {
            NDArray h = preprocess(x);
            for (int b = 0; b < BLOCKS; b++) {
                NDArray next = block(ps, b, h);
                h.close();
                h = next;
            }
            return h.reshape(h.getShape().get(0), FEATURES);
        });
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(pool3(ps, inputs.singletonOrThrow()));
    }
}
