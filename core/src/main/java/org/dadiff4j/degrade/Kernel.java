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
        return trim(0);
    }

    /**
     * Drops border rings while the absolute weight dropped in total stays within {@code tolerance}:
     * a small Gaussian in a 21x21 window is mostly rings of weight 1e-10 and below.
     */
    public Kernel trim(double tolerance) {
        int p = 0;
        double dropped = 0;
        while (p < size / 2 && dropped + ringWeight(p) <= tolerance) {
            dropped += ringWeight(p);
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

    /** Sum of |w| over ring {@code p} (the border of the window shrunk by p on each side). */
    private double ringWeight(int p) {
        int last = size - 1 - p;
        double s = 0;
        for (int i = p; i <= last; i++) {
            s += Math.abs(at(p, i)) + Math.abs(at(last, i));
        }
        for (int i = p + 1; i < last; i++) {
            s += Math.abs(at(i, p)) + Math.abs(at(i, last));
        }
        return s;
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
