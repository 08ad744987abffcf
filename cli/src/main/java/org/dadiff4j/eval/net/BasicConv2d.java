package org.dadiff4j.eval.net;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import org.dadiff4j.nn.BatchNorm2d;
import org.dadiff4j.nn.Conv2d;
import org.dadiff4j.nn.UnaryBlock;

/** torchvision Inception's {@code BasicConv2d}: conv without bias, BatchNorm (eps 0.001), ReLU; eval mode only. */
final class BasicConv2d extends UnaryBlock {

    private static final float BN_EPS = 0.001f;

    private final Conv2d conv;
    private final BatchNorm2d bn;

    /** Kernel kh × kw with padding ph, pw (as torchvision's (1, 7) / (0, 3) tuples). */
    BasicConv2d(int in, int out, int kh, int kw, int stride, int ph, int pw) {
        conv = child("conv", Conv2d.builder().setInChannels(in).setOutChannels(out).setKernel(kh, kw)
                .optStride(stride).optPadding(ph, pw).optBias(false).build());
        bn = child("bn", new BatchNorm2d(out, true, BN_EPS));
    }

    /** A square kernel. */
    static BasicConv2d square(int in, int out, int kernel, int stride, int padding) {
        return new BasicConv2d(in, out, kernel, kernel, stride, padding, padding);
    }

    @Override
    public NDArray apply(ParameterStore ps, NDArray x, boolean training) {
        try (NDArray c = conv.apply(ps, x, false); NDArray n = bn.apply(ps, c, false)) {
            return Activation.relu(n);
        }
    }

    /** The layers applied one after another, each intermediate closed once used. */
    static NDArray chain(ParameterStore ps, NDArray x, BasicConv2d... layers) {
        NDArray h = x;
        for (BasicConv2d layer : layers) {
            NDArray next = layer.apply(ps, h, false);
            if (h != x) {
                h.close();
            }
            h = next;
        }
        return h;
    }
}
