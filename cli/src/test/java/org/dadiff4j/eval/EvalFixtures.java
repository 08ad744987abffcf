package org.dadiff4j.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;
import org.dadiff4j.image.Resize;

/** Small synthetic test sets in the paper's layout, built from 8-bit values. */
final class EvalFixtures {

    private EvalFixtures() {}

    /** An 8-bit RGB picture from HWC values 0..255. */
    static Picture picture(int[] hwc, int w, int h) {
        float[][] planes = new float[3][w * h];
        for (int i = 0; i < w * h; i++) {
            for (int c = 0; c < 3; c++) {
                planes[c][i] = hwc[i * 3 + c] / 255f;
            }
        }
        return Picture.of(w, h, planes, null, 8);
    }

    /** Random 8-bit values in lo..hi. */
    static int[] random(int n, int lo, int hi, long seed) {
        Random r = new Random(seed);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = lo + r.nextInt(hi - lo + 1);
        }
        return a;
    }

    static int[] plus(int[] a, int d) {
        int[] b = a.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] += d;
        }
        return b;
    }

    /**
     * {@code root/HR/img<i>.png} and {@code root/LR/x4/img<i>.png} where HR is exactly the 8-bit
     * bicubic x4 upscale of LR, so that the bicubic method restores HR without error.
     */
    static Path bicubicExactSet(Path root, int count, int lrSide) throws IOException {
        Path hr = Files.createDirectories(root.resolve("HR"));
        Path lr = Files.createDirectories(root.resolve("LR").resolve("x4"));
        for (int i = 0; i < count; i++) {
            Picture small = picture(random(lrSide * lrSide * 3, 0, 255, 100 + i), lrSide, lrSide);
            float[][] up = Resize.bicubicPil(small.planes(), lrSide, lrSide, lrSide * 4, lrSide * 4);
            ImageFiles.write(small, lr.resolve("img" + i + ".png"));
            ImageFiles.write(small.withColor(up, lrSide * 4, lrSide * 4), hr.resolve("img" + i + ".png"));
        }
        return hr;
    }
}
