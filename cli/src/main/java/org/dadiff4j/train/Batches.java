package org.dadiff4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.dadiff4j.degrade.Planes;

/** Planes to NCHW batches, and the PSNR of network outputs. */
final class Batches {

    private Batches() {}

    /** [N, 3, H, W] from same-sized RGB planes. */
    static NDArray of(NDManager manager, List<Planes> images) {
        Planes first = images.get(0);
        int plane = first.width * first.height;
        float[] data = new float[images.size() * 3 * plane];
        for (int i = 0; i < images.size(); i++) {
            Planes p = images.get(i);
            if (p.width != first.width || p.height != first.height || p.channels() != 3) {
                throw new IllegalArgumentException("batch of mixed sizes or channels");
            }
            for (int c = 0; c < 3; c++) {
                System.arraycopy(p.c[c], 0, data, (i * 3 + c) * plane, plane);
            }
        }
        return manager.create(data, new Shape(images.size(), 3, first.height, first.width));
    }

    /** 10·log10(1 / MSE) of {@code out} clamped to [0, 1] against {@code ref}, over all elements. */
    static double psnr(NDArray out, NDArray ref) {
        float[] a = out.toFloatArray();
        float[] b = ref.toFloatArray();
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.min(1, Math.max(0, a[i])) - b[i];
            sum += d * d;
        }
        return 10 * Math.log10(a.length / Math.max(sum, 1e-20));
    }
}
