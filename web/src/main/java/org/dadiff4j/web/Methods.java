package org.dadiff4j.web;

import org.dadiff4j.pipeline.Method;

/** One line per method, for the page and the models endpoint. */
final class Methods {

    private Methods() {}

    static String describe(Method m) {
        switch (m) {
            case DADIFF:
                return "Diffusion guided by the learned degradation model: the paper's method, most detail.";
            case DDNM:
                return "Diffusion guided by a fixed average-pooling model (DDNM baseline).";
            case RESTORE:
                return "The restoration network alone: one quick pass, no diffusion.";
            case BICUBIC:
                return "Plain bicubic enlargement, no model: the reference to compare with.";
            case EXPLICIT:
                return "Diffusion guided by an estimated blur kernel (ablation).";
            case COMBINE:
                return "Estimated blur kernel with the learned inverse (ablation).";
            default:
                return m.cliName();
        }
    }
}
