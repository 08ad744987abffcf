package org.dadiff4j.nn;

import ai.djl.ndarray.NDArray;

/**
 * Scaled dot-product attention on channel-first tensors, the layout of guided-diffusion and of the
 * DDPM model: q [B, C, T], k and v [B, C, S], result [B, C, T]. The weights are softmax over keys
 * of (q·qkScale)^T (k·qkScale) · logitScale, so both codes' op orders are available: guided-diffusion
 * scales q and k each by C^-1/4, the DDPM model scales the logits by C^-1/2.
 */
public final class Attention {

    private Attention() {}

    public static NDArray attend(NDArray q, NDArray k, NDArray v, float qkScale, float logitScale) {
        return Scopes.keep(() -> {
            NDArray qs = qkScale == 1f ? q : Scalars.mul(q, qkScale);
            NDArray ks = qkScale == 1f ? k : Scalars.mul(k, qkScale);
            NDArray logits = qs.transpose(0, 2, 1).matMul(ks); // [B, T, S]
            if (logitScale != 1f) {
                Scalars.muli(logits, logitScale);
            }
            NDArray weights = logits.softmax(2);
            return v.matMul(weights.transpose(0, 2, 1)); // [B, C, T]
        });
    }
}
