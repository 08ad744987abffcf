package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * PyTorch's {@code nn.ConvTranspose2d(in, out, kernel_size=k, stride=k)} (no padding), the
 * non-overlapping upsampling of U-Net up steps: {@code weight} is [in, out, k, k] (PyTorch's
 * layout), {@code bias} is [out], and every input pixel becomes one k x k output patch.
 *
 * <p>DJL's PyTorch engine has no transposed convolution, and with stride equal to kernel it is
 * exactly one matrix product: [N*H*W, in] x [in, out*k*k], rearranged into patches.
 */
public final class ConvTranspose2d extends UnaryBlock {

    private final int out;
    private final int kernel;
    private final Parameter weight;
    private final Parameter bias;

    public ConvTranspose2d(int in, int out, int kernel, boolean bias) {
        this.out = out;
        this.kernel = kernel;
        weight = weight("weight", new Shape(in, out, kernel, kernel));
        this.bias = bias ? bias("bias", new Shape(out)) : null;
    }

    /** Upsamples an NCHW tensor by the kernel size: [N, in, H, W] to [N, out, kH, kW]. */
    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        Shape s = x.getShape();
        long n = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        NDArray wm = value(ps, weight, x, training).reshape(s.get(1), -1);
        try (NDArray channelsLast = x.transpose(0, 2, 3, 1);
                NDArray rows = channelsLast.reshape(n * h * w, s.get(1));
                NDArray prod = rows.matMul(wm);
                NDArray patches = prod.reshape(n, h, w, out, kernel, kernel);
                NDArray image = patches.transpose(0, 3, 1, 4, 2, 5)) {
            NDArray y = image.reshape(n, out, h * kernel, w * kernel);
            if (bias != null) {
                try (NDArray b = value(ps, bias, x, training).reshape(1, out, 1, 1)) {
                    y.addi(b);
                }
            }
            return y;
        } finally {
            wm.close();
        }
    }
}
