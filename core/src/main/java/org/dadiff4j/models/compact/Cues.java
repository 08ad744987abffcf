package org.dadiff4j.models.compact;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.dadiff4j.nn.Scopes;

/**
 * Three measured readings of an LQ image's degradation, [N, 3, 1, 1], which E adds to its learnt
 * representation through a layer that starts at zero. Why: a learnt E did not learn to read blur,
 * noise and JPEG from a 64×64 crop in thousands of steps (models/README.md), so Gr could not adapt;
 * these statistics read them in closed form, and training decides how to use them.
 *
 * <ul>
 *   <li>Noise: Immerkær's estimate (1996) of the noise standard deviation of the gray image, from
 *       its separable second difference [1 −2 1]ᵀ[1 −2 1]: σ = sqrt(π/2)/6 · mean|g∗M|, times 10,
 *       with the mean taken over the flattest quarter of the 8×8 blocks (over the whole image when
 *       it has fewer than 4 blocks), so that texture does not read as noise.</li>
 *   <li>Sharpness: 1 − mean|∇blur(g)| / mean|∇g| with a [1 2 1]/4 blur (Crété-Roffet et al.'s
 *       re-blur measure, 2007): near 0.5 for a sharp or noisy image, lower for a blurred one.</li>
 *   <li>Blockiness: how far the mean |horizontal and vertical difference| at the strongest of the
 *       8 column (row) phases stands above the mean over all phases, relative to that mean: JPEG's
 *       8×8 grid makes one phase stand out, wherever the grid starts; 0 for images under 17 pixels.</li>
 * </ul>
 */
final class Cues {

    static final int SIZE = 3;

    private static final float NOISE_SCALE = (float) (10 * Math.sqrt(Math.PI / 2) / 6);
    private static final float EPS = 1e-6f;
    private static final int BLOCK = 8;

    private Cues() {}

    /** {@code lq}: [N, 3, H, W] in [0, 1]; zeros for an image under 4 pixels on a side. */
    static NDArray of(NDArray lq) {
        Shape s = lq.getShape();
        if (s.get(2) < 4 || s.get(3) < 4) {
            return lq.getManager().zeros(new Shape(s.get(0), SIZE, 1, 1), lq.getDataType());
        }
        return Scopes.keep(() -> {
            NDArray g = lq.mean(new int[] {1}, true);
            NDArray noise = flattest(secondDifference(secondDifference(g, 3), 2).abs()).mul(NOISE_SCALE);
            NDArray grad = gradient(g);
            NDArray sharp = grad.sub(gradient(blur(blur(g, 3), 2))).div(grad.add(EPS));
            NDArray block = blockiness(g, 3).add(blockiness(g, 2)).div(2);
            return NDArrays.concat(new NDList(noise, sharp, block), 1);
        });
    }

    /** Mean over the quarter of the 8×8 blocks with the lowest mean, [N, 1, 1, 1]. */
    private static NDArray flattest(NDArray a) {
        Shape s = a.getShape();
        long n = s.get(0);
        long bh = s.get(2) / BLOCK;
        long bw = s.get(3) / BLOCK;
        if (bh * bw < 4) {
            return Layers.imageMean(a);
        }
        NDArray blocks = a.get(new NDIndex(":, :, :" + bh * BLOCK + ", :" + bw * BLOCK))
                .reshape(n, bh, BLOCK, bw, BLOCK).mean(new int[] {4}).mean(new int[] {2}).reshape(n, bh * bw);
        long keep = (bh * bw + 3) / 4;
        return blocks.sort(1).get(new NDIndex(":, :" + keep)).mean(new int[] {1}).reshape(n, 1, 1, 1);
    }

    /** x[i-1] − 2x[i] + x[i+1] along {@code axis} (valid part only). */
    private static NDArray secondDifference(NDArray x, int axis) {
        return slice(x, axis, 0, -2).sub(slice(x, axis, 1, -1).mul(2)).add(slice(x, axis, 2, 0));
    }

    /** (x[i-1] + 2x[i] + x[i+1]) / 4 along {@code axis} (valid part only). */
    private static NDArray blur(NDArray x, int axis) {
        return slice(x, axis, 0, -2).add(slice(x, axis, 1, -1).mul(2)).add(slice(x, axis, 2, 0)).div(4);
    }

    /** Mean absolute first difference over both axes, [N, 1, 1, 1]. */
    private static NDArray gradient(NDArray x) {
        return Layers.imageMean(difference(x, 3)).add(Layers.imageMean(difference(x, 2)));
    }

    private static NDArray difference(NDArray x, int axis) {
        return slice(x, axis, 1, 0).sub(slice(x, axis, 0, -1)).abs();
    }

    private static NDArray blockiness(NDArray g, int axis) {
        long n = g.getShape().get(0);
        long phases = (g.getShape().get(axis) - 1) / BLOCK;
        if (phases < 2) {
            return g.getManager().zeros(new Shape(n, 1, 1, 1), g.getDataType());
        }
        NDArray d = difference(g, axis).mean(new int[] {axis == 3 ? 2 : 3});
        NDArray profile = d.get(new NDIndex(":, :, :" + phases * BLOCK)).reshape(n, phases, BLOCK).mean(new int[] {1});
        NDArray mean = profile.mean(new int[] {1}, true);
        return profile.max(new int[] {1}, true).sub(mean).div(mean.add(EPS)).reshape(n, 1, 1, 1);
    }

    /** x[from : end+to] along axis 2 or 3 ({@code to} ≤ 0 counts from the end). */
    private static NDArray slice(NDArray x, int axis, int from, int to) {
        String range = from + ":" + (to == 0 ? "" : Integer.toString(to));
        return x.get(new NDIndex(axis == 3 ? ":, :, :, " + range : ":, :, " + range));
    }
}
