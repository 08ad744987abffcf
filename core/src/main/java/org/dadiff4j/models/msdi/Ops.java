package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import org.dadiff4j.nn.Conv2d;

/** Small functional pieces of the MSDI2E graph. */
final class Ops {

    /** Every LeakyReLU in MSDI2E (encoder, prior upsampling, HINet, SPADE blocks) uses 0.2. */
    static final float SLOPE = 0.2f;

    private Ops() {}

    static NDArray lrelu(NDArray x) {
        return Activation.leakyRelu(x, SLOPE);
    }

    /** A plain square-kernel conv with bias, as most of MSDI2E's convs are. */
    static Conv2d conv(int in, int out, int kernel, int padding) {
        return Conv2d.builder().setInChannels(in).setOutChannels(out).setKernel(kernel).optPadding(padding).build();
    }

    /**
     * {@code F.interpolate(x, size=(h, w), mode='nearest')}: source index floor(i * in / out),
     * computed in float like PyTorch's legacy nearest mode.
     */
    static NDArray nearest(NDArray x, long h, long w) {
        long inH = x.getShape().get(2);
        long inW = x.getShape().get(3);
        if (inH == h && inW == w) {
            return x.duplicate();
        }
        if (h % inH == 0 && w % inW == 0) {
            return x.repeat(2, h / inH).repeat(3, w / inW);
        }
        NDArray rows = x.get(new NDIndex(":, :, {}", sourceIndex(x, inH, h)));
        return rows.get(new NDIndex(":, :, :, {}", sourceIndex(x, inW, w)));
    }

    private static NDArray sourceIndex(NDArray like, long in, long out) {
        long[] idx = new long[(int) out];
        float scale = (float) in / out;
        for (int i = 0; i < out; i++) {
            idx[i] = Math.min((long) Math.floor(i * scale), in - 1);
        }
        return like.getManager().create(idx);
    }
}
