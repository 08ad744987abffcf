package org.dadiff4j.train;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.dadiff4j.data.PhotoFiles;
import org.dadiff4j.degrade.DegradationPipeline;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.degrade.Recipe;

/** Small synthetic photo folders and a learnable fixed degradation for training tests. */
public final class TrainData {

    private TrainData() {}

    /** A smooth random picture with some edges, so that both generators have something to learn. */
    public static Planes picture(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Planes p = Planes.zeros(w, h, 3);
        double[][] f = new double[3][4];
        for (double[] row : f) {
            for (int i = 0; i < 4; i++) {
                row[i] = r.nextDouble();
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = 0.5 + 0.25 * Math.sin(0.3 * f[c][0] * x + 0.2 * f[c][1] * y)
                            + ((x / 12 + y / 12) % 2 == 0 ? 0.2 * f[c][2] : -0.2 * f[c][3]);
                    p.c[c][y * w + x] = (float) v;
                }
            }
        }
        return p;
    }

    public static Path photos(Path dir, int count, long seed) {
        for (int i = 0; i < count; i++) {
            PhotoFiles.writePng(picture(96, 80, seed + i), dir.resolve("p" + i + ".png"));
        }
        return dir;
    }

    /** A fixed Gaussian blur (sigma 2.5) and bicubic x4: a systematic change both generators can learn quickly. */
    public static DegradationPipeline fixedBlur() {
        Recipe r = Recipe.defaults();
        r.second = null;
        r.first.resize = null;
        r.first.noise = null;
        r.first.jpeg = null;
        r.first.blur.kernels = new String[] {"iso"};
        r.first.blur.kernelProbs = new double[] {1};
        r.first.blur.sigma = new double[] {2.5, 2.5};
        r.first.blur.sincProb = 0;
        r.finalStep.modes = new String[] {"bicubic"};
        r.finalStep.sincProb = 0;
        r.finalStep.jpeg = null;
        return DegradationPipeline.fromRecipe(r);
    }
}
