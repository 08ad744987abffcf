package org.dadiff4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.degrade.Resize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds a small validation set from the opencv-doc photos and checks that it is sane. */
class ValidationSetTest {

    @Test
    void opencvDocPhotosMakeAPlausibleX4Set(@TempDir Path out) {
        Path root = CorpusData.require("val/opencv-doc");
        List<Path> photos = Corpora.validation(root.getParent().getParent());
        assertEquals(35, photos.size(), "the data README lists 35 validation photos");
        // one random crop from each of the first 16 photos that are large enough
        Manifest m = DatasetBuilder.builder().setSources(photos).setOutput(out).optScales(4)
                .optRandomCrops(1).optSeed(1).optMaxCrops(16).build().build();
        assertTrue(m.entries.size() >= 12, "crops: " + m.entries.size());
        double sumOwn = 0;
        int better = 0;
        for (int i = 0; i < m.entries.size(); i++) {
            Planes hr = PhotoFiles.read(out.resolve("HR").resolve(m.entries.get(i).name));
            Planes lr = PhotoFiles.read(out.resolve("LR/x4").resolve(m.entries.get(i).name));
            assertEquals(256, hr.width);
            assertEquals(256, hr.height);
            assertEquals(64, lr.width);
            assertEquals(64, lr.height);
            assertTrue(range(hr) > 0.2 && range(lr) > 0.1, "non-constant content in " + m.entries.get(i).name);
            Planes up = Resize.toSize(lr, 256, 256, Resize.Mode.BICUBIC).clampInPlace();
            double own = psnr(up, hr);
            Planes otherHr = PhotoFiles.read(out.resolve("HR").resolve(m.entries.get((i + 1) % m.entries.size()).name));
            double other = psnr(up, otherHr);
            if (own > other + 1) {
                better++;
            }
            assertTrue(own > 12 && own < 40, m.entries.get(i).name + ": PSNR of bicubic-upscaled LR vs HR " + own);
            sumOwn += own;
        }
        double mean = sumOwn / m.entries.size();
        System.out.printf("validation x4: %d crops, mean PSNR(bicubic(LR), HR) = %.2f dB%n", m.entries.size(), mean);
        assertTrue(mean > 18 && mean < 32, "mean PSNR " + mean);
        assertEquals(m.entries.size(), better, "each LR resembles its own HR far more than another crop");
    }

    @Test
    void trainingAndValidationDoNotOverlap() {
        Path root = CorpusData.root();
        CorpusData.require("val/opencv-doc");
        List<Path> train = Corpora.training(root);
        List<Path> val = Corpora.validation(root);
        assertTrue(train.stream().noneMatch(val::contains));
        assertTrue(train.stream().allMatch(p -> p.startsWith(root.resolve("train"))));
        System.out.println("corpora: " + train.size() + " training photos, " + val.size() + " validation photos");
    }

    private static double range(Planes p) {
        float lo = 1;
        float hi = 0;
        for (float v : p.c[1]) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi - lo;
    }

    private static double psnr(Planes a, Planes b) {
        double se = 0;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < a.c[c].length; i++) {
                double d = a.c[c][i] - b.c[c][i];
                se += d * d;
            }
        }
        return 10 * Math.log10(1 / (se / (3.0 * a.c[0].length)));
    }
}
