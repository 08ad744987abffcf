package org.dadiff4j.models.msdi;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.Map;
import org.dadiff4j.nn.TorchBlock;

/**
 * The closed-formula MSDI2E weights of {@code reference/msdi2e-formula/config.json}: entry i (in
 * manifest order), flat element k, h = (k * 2654435761 + (i + 1) * 97531) mod 2^32,
 * r = (((h >>> 8) mod 2001) - 1000) / 1000, then a value rule per entry type, rounded once to
 * float32.
 */
final class FormulaWeights {

    private FormulaWeights() {}

    static float[] values(Manifest.Entry e) {
        int n = Math.toIntExact(e.numel());
        float[] out = new float[n];
        String key = e.key();
        long[] shape = e.shape();
        double fanIn = shape.length >= 2 ? (double) e.numel() / shape[0] : 0;
        double sqrtFanIn = Math.sqrt(fanIn);
        for (int k = 0; k < n; k++) {
            double v;
            if (key.endsWith(".running_mean") || key.endsWith(".num_batches_tracked")) {
                v = 0;
            } else if (key.endsWith(".running_var")) {
                v = 1;
            } else {
                double r = r(e.index(), k);
                if (key.endsWith(".weight_u") || key.endsWith(".weight_v")) {
                    v = r;
                } else if (shape.length >= 2) {
                    v = (r * 2.0) / sqrtFanIn;
                } else if (key.endsWith("norm.weight")) {
                    v = 1.0 + 0.1 * r;
                } else {
                    v = 0.1 * r;
                }
            }
            out[k] = (float) v;
        }
        return out;
    }

    static double r(int i, long k) {
        long h = (k * 2654435761L + (i + 1L) * 97531L) & 0xFFFFFFFFL;
        return (((h >>> 8) % 2001) - 1000) / 1000.0;
    }

    /** Gives every tensor of {@code block} its formula value (initialising arrays first if needed). */
    static void load(TorchBlock block, Manifest manifest, NDManager manager) {
        if (!block.isInitialized()) {
            block.initialize(manager, DataType.FLOAT32);
        }
        Map<String, Parameter> sd = block.stateDict();
        for (Manifest.Entry e : manifest.entries()) {
            Parameter p = sd.get(e.key());
            if (e.dtype().equals("int64")) {
                p.getArray().set(new long[] {0});
            } else {
                p.getArray().set(values(e));
            }
        }
    }
}
