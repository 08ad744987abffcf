package org.dadiff4j.degrade;

/** A square blur kernel of odd size, row-major ({@code w[y * size + x]}), float32 like Real-ESRGAN's tensors. */
public final class Kernel {

    public final int size;
    public final float[] w;

    public Kernel(int size, float[] w) {
        if (size % 2 != 1 || w.length != size * size) {
            throw new IllegalArgumentException("kernel needs an odd size and size^2 weights, got " + size + " / " + w.length);
        }
        this.size = size;
        this.w = w;
    }

    /** The 1x1 identity. */
    public static Kernel identity() {
        return new Kernel(1, new float[] {1f});
    }

    /** Weight at row {@code y}, column {@code x}. */
    public float at(int y, int x) {
        return w[y * size + x];
    }

    /** Zero-pads to {@code target x target} (Real-ESRGAN stores every kernel as 21x21). */
    public Kernel padTo(int target) {
        if (target <= size) {
            return this;
        }
        if ((target - size) % 2 != 0) {
            throw new IllegalArgumentException("cannot centre a " + size + " kernel in " + target);
        }
        int p = (target - size) / 2;
        float[] out = new float[target * target];
        for (int y = 0; y < size; y++) {
            System.arraycopy(w, y * size, out, (y + p) * target + p, size);
        }
        return new Kernel(target, out);
    }

    /** Drops all-zero border rings, so that filtering skips them. */
    public Kernel trim() {
        int p = 0;
        while (p < size / 2 && ringIsZero(p)) {
            p++;
        }
        if (p == 0) {
            return this;
        }
        int s = size - 2 * p;
        float[] out = new float[s * s];
        for (int y = 0; y < s; y++) {
            System.arraycopy(w, (y + p) * size + p, out, y * s, s);
        }
        return new Kernel(s, out);
    }

    private boolean ringIsZero(int p) {
        int last = size - 1 - p;
        for (int i = p; i <= last; i++) {
            if (at(p, i) != 0 || at(last, i) != 0 || at(i, p) != 0 || at(i, last) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Rows as {@code double[size][size]}, for JSON and {@code .npy} output. */
    public double[][] rows() {
        double[][] r = new double[size][size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                r[y][x] = at(y, x);
            }
        }
        return r;
    }
}
