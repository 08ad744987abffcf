package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** Activations DJL lacks in fused form. */
public final class Activations {

    private Activations() {}

    /** SiLU (swish): x·sigmoid(x), as a new array. */
    public static NDArray silu(NDArray x) {
        try (NDArray s = Activation.sigmoid(x)) {
            // Not in place on s: the sigmoid's output is what its backward pass needs.
            return x.mul(s);
        }
    }
}
