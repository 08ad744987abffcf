package org.dadiff4j.eval.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.WeightsFile;

/**
 * The FID feature extractor of pytorch-fid: pool3 activations of {@link InceptionV3} with the
 * {@code pt_inception-2015-12-05-6726825d.pth} weights. FID itself is the Fréchet distance of the
 * activation sets of two image collections: feed the rows of {@link #activations} (float32, as
 * pytorch-fid keeps them) for all images of each set to the Fréchet distance of
 * {@code org.dadiff4j.eval} ({@code FrechetDistance.compute(float[][], float[][])}).
 */
public final class FidInception implements AutoCloseable {

    private final NDManager manager;
    private final InceptionV3 network;

    private FidInception(StateDict weights) {
        manager = NDManager.newBaseManager();
        try {
            network = new InceptionV3();
            network.load(weights, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** From {@code pt_inception-2015-12-05-6726825d.pth}; every key must match, as in pytorch-fid. */
    public static FidInception load(Path weights) {
        return of(WeightsFile.read(weights));
    }

    /** From a state dict laid out as that file. */
    public static FidInception of(StateDict weights) {
        return new FidInception(weights);
    }

    /** The network, for callers that need its blocks. */
    public InceptionV3 network() {
        return network;
    }

    /** pool3 features [N,2048] of a batch [N,3,H,W] in [0,1] (any size; it is resized to 299×299). */
    public NDArray pool3(NDArray images) {
        return network.pool3(new ParameterStore(images.getManager(), false), images);
    }

    /** pool3 features as float32 rows, one per image: the input of the Fréchet distance. */
    public float[][] activations(NDArray images) {
        try (NDArray f = pool3(images)) {
            int n = Math.toIntExact(f.getShape().get(0));
            float[] flat = f.toFloatArray();
            float[][] rows = new float[n][InceptionV3.FEATURES];
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * InceptionV3.FEATURES, rows[i], 0, InceptionV3.FEATURES);
            }
            return rows;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
