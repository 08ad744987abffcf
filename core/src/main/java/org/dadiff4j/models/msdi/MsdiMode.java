package org.dadiff4j.models.msdi;

/** How MSDI2E runs. */
public enum MsdiMode {
    /**
     * As DADiff's sampler runs it (the network left in PyTorch's training mode): SPADE batch norm
     * uses batch statistics, and every call runs the whole network, advancing all 26 spectral-norm
     * power iterations and the batch-norm running statistics, whichever output is kept.
     */
    OFFICIAL,
    /** PyTorch eval mode: running statistics, fixed u and v; latents are computed once per image. */
    EVAL;

    boolean training() {
        return this == OFFICIAL;
    }
}
