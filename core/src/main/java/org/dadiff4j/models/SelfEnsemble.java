package org.dadiff4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.IntConsumer;

/**
 * Geometric self-ensemble of Gr (EDSR's "+" models): the restoration is the mean of Gr over the
 * first {@code n} of the 8 flips and transposes of its input, each mapped back. E reads each
 * transformed input on its own, and Gr of a transform is conditioned on that reading (one reading
 * for all kept 0.02 dB less on the heavy set); Gd uses the reading of the input as it is.
 * Averaging removes the part of Gr's error that is not equivariant, which is what a small network
 * trained on few photos has most of.
 */
public final class SelfEnsemble implements DegradationAwareModel {

    /** The largest ensemble: the dihedral group of the square. */
    public static final int MAX = 8;

    private final DegradationAwareModel inner;
    private final int n;

    /**
     * @param n how many transforms, 1 (Gr alone), 2 (with the mirror), 4 (all flips) or 8 (flips
     *     and transposes)
     */
    public SelfEnsemble(DegradationAwareModel inner, int n) {
        if (!isSize(n)) {
            throw new IllegalArgumentException("ensemble must be 1, 2, 4 or 8, got " + n);
        }
        this.inner = inner;
        this.n = n;
    }

    /** Whether {@code n} transforms make an ensemble: 1, 2, 4 or 8. */
    public static boolean isSize(int n) {
        return n == 1 || n == 2 || n == 4 || n == 8;
    }

    /** {@code model} itself for {@code n} = 1, else its self-ensemble. */
    public static DegradationAwareModel of(DegradationAwareModel model, int n) {
        return n == 1 ? model : new SelfEnsemble(model, n);
    }

    @Override
    public Domain domain() {
        return inner.domain();
    }

    @Override
    public Representation encode(NDArray lq) {
        Representation[] parts = new Representation[n];
        try {
            for (int k = 0; k < n; k++) {
                // in the caller's manager: the reading may live in a child of the input's
                try (NDArray in = transform(lq, k)) {
                    parts[k] = inner.encode(in);
                }
            }
        } catch (RuntimeException e) {
            new Readings(parts, 0, 0).close();
            throw e;
        }
        return new Readings(parts, lq.getShape().get(2), lq.getShape().get(3));
    }

    @Override
    public NDArray degrade(NDArray x, Representation r) {
        return inner.degrade(x, ((Readings) r).parts[0]);
    }

    /** How many transforms Gr is averaged over. */
    public int size() {
        return n;
    }

    @Override
    public NDArray restore(NDArray y, Representation r) {
        return restore(y, r, k -> {});
    }

    /**
     * Gr's mean over the transforms, as {@link #restore(NDArray, Representation)}, telling
     * {@code afterEach} how many are done (1 to {@link #size()}) after each: a long restoration
     * reports progress, and a listener may cancel it there by throwing.
     */
    public NDArray restore(NDArray y, Representation r, IntConsumer afterEach) {
        NDManager caller = y.getManager();
        NDArray sum;
        try (NDManager m = caller.newSubManager()) {
            Representation[] parts = ((Readings) r).parts;
            sum = inner.restore(y, parts[0]);
            sum.attach(m);
            afterEach.accept(1);
            for (int k = 1; k < n; k++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray in = transform(y, k);
                    in.attach(step);
                    NDArray out = inner.restore(in, parts[k]);
                    out.attach(step);
                    sum.addi(inverse(out, k));
                }
                afterEach.accept(k + 1);
            }
            sum.divi(n);
            sum.attach(caller);
        }
        return sum;
    }

    /** Each reading cropped to the box as its transform moved it. */
    @Override
    public Representation crop(Representation r, int y, int x, int h, int w) {
        Readings all = (Readings) r;
        Representation[] parts = new Representation[n];
        for (int k = 0; k < n; k++) {
            boolean swap = (k & 4) != 0;
            long th = swap ? all.w : all.h; // the transformed image's sides
            long tw = swap ? all.h : all.w;
            int ty = swap ? x : y;
            int tx = swap ? y : x;
            int bh = swap ? w : h;
            int bw = swap ? h : w;
            if ((k & 1) != 0) {
                tx = (int) (tw - tx - bw);
            }
            if ((k & 2) != 0) {
                ty = (int) (th - ty - bh);
            }
            parts[k] = inner.crop(all.parts[k], ty, tx, bh, bw);
            if (parts[k] == null) {
                new Readings(parts, 0, 0).close();
                return null;
            }
        }
        return new Readings(parts, h, w);
    }

    /** E's reading of each transformed input, and the input's sides. */
    private static final class Readings implements Representation {
        final Representation[] parts;
        final long h;
        final long w;

        Readings(Representation[] parts, long h, long w) {
            this.parts = parts;
            this.h = h;
            this.w = w;
        }

        @Override
        public void close() {
            for (Representation p : parts) {
                if (p != null) {
                    p.close();
                }
            }
        }
    }

    /** Transform {@code k} of NCHW {@code x}: bit 0 mirrors left-right, bit 1 up-down, bit 2 transposes. */
    static NDArray transform(NDArray x, int k) {
        NDArray t = x.duplicate();
        if ((k & 4) != 0) {
            t = replace(t, t.transpose(0, 1, 3, 2));
        }
        if ((k & 1) != 0) {
            t = replace(t, t.flip(3));
        }
        if ((k & 2) != 0) {
            t = replace(t, t.flip(2));
        }
        return t;
    }

    /** The inverse of {@link #transform} for the same {@code k}. */
    static NDArray inverse(NDArray x, int k) {
        NDArray t = x.duplicate();
        if ((k & 2) != 0) {
            t = replace(t, t.flip(2));
        }
        if ((k & 1) != 0) {
            t = replace(t, t.flip(3));
        }
        if ((k & 4) != 0) {
            t = replace(t, t.transpose(0, 1, 3, 2));
        }
        return t;
    }

    /** {@code next}, contiguous, after closing {@code old}, so that no intermediate outlives its step. */
    private static NDArray replace(NDArray old, NDArray next) {
        NDArray c = next.duplicate(); // transpose is a view; copy before its base goes
        next.close();
        old.close();
        return c;
    }
}
