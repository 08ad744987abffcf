package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * PyTorch's {@code nn.BatchNorm2d} (eps 1e-5 unless given, momentum 0.1, tracking running statistics), with its
 * state_dict: {@code weight} and {@code bias} when affine, then {@code running_mean},
 * {@code running_var} and the int64 scalar {@code num_batches_tracked}.
 *
 * <p>Training mode normalises with the batch statistics (mean and <em>biased</em> variance over N,
 * H and W) and, as PyTorch does, also updates the running statistics in place:
 * {@code running = 0.9 * running + 0.1 * batch}, using the <em>unbiased</em> variance, and adds one
 * to {@code num_batches_tracked}. Eval mode normalises with the running statistics and changes
 * nothing.
 */
public final class BatchNorm2d extends UnaryBlock {

    private static final int[] AXES = {0, 2, 3};
    private static final float DEFAULT_EPS = 1e-5f;
    private static final float MOMENTUM = 0.1f;

    private final float eps;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private final Parameter batchesTracked;

    public BatchNorm2d(int channels, boolean affine) {
        this(channels, affine, DEFAULT_EPS);
    }

    /** With another eps, such as the 0.001 of torchvision's Inception v3. */
    public BatchNorm2d(int channels, boolean affine, float eps) {
        this.eps = eps;
        weight = affine ? tensor("weight", new Shape(channels), Parameter.Type.GAMMA, true) : null;
        bias = affine ? tensor("bias", new Shape(channels), Parameter.Type.BETA, true) : null;
        runningMean = buffer("running_mean", new Shape(channels), Parameter.Type.RUNNING_MEAN);
        runningVar = buffer("running_var", new Shape(channels), Parameter.Type.RUNNING_VAR);
        batchesTracked = buffer("num_batches_tracked", new Shape(), Parameter.Type.OTHER);
        batchesTracked.setInitializer((m, shape, type) -> m.zeros(shape, DataType.INT64));
    }

    /**
     * Normalises an NCHW tensor; see the class comment for what training mode updates. The running
     * statistics are used and updated on the parameters themselves, not through {@code ps}.
     */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        NDArray y = training ? trainNormalize(x) : evalNormalize(x);
        if (weight == null) {
            return y;
        }
        try (NDArray yy = y) {
            return Norms.affine(yy, value(ps, weight, x, training), value(ps, bias, x, training));
        }
    }

    private NDArray trainNormalize(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0) * s.get(2) * s.get(3);
        if (n < 2) {
            throw new IllegalArgumentException("batch norm in training mode needs more than one value per channel, got " + s);
        }
        try (NDArray mean = Norms.mean(x, AXES); NDArray var = Norms.biasedVar(x, mean, AXES)) {
            update(runningMean.getArray(), mean);
            try (NDArray unbiased = var.mul((double) n / (n - 1))) {
                update(runningVar.getArray(), unbiased);
            }
            batchesTracked.getArray().addi(1);
            return Norms.normalize(x, mean, var, eps);
        }
    }

    private static void update(NDArray running, NDArray batch) {
        try (NDArray flat = batch.reshape(-1); NDArray step = flat.mul(MOMENTUM)) {
            running.muli(1 - MOMENTUM).addi(step);
        }
    }

    private NDArray evalNormalize(NDArray x) {
        try (NDArray mean = runningMean.getArray().reshape(1, -1, 1, 1);
                NDArray var = runningVar.getArray().reshape(1, -1, 1, 1)) {
            return Norms.normalize(x, mean, var, eps);
        }
    }
}
