package org.dadiff4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dadiff4j.data.PhotoFiles;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.compact.CompactModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdaptationTest {

    @Test
    void laplacianOfAPointIsItsKernel() {
        int w = 5;
        int[] rgb = new int[w * w * 3];
        int c = (2 * w + 2) * 3;
        rgb[c] = rgb[c + 1] = rgb[c + 2] = 100;
        // BT.601 luma (16 + 219/255 of gray): the point stands 219/255*100 above its neighbours.
        double d = 219.0 / 255 * 100;
        // interior 3x3: |4d| at the centre, |-d| at its 4 neighbours, 0 at the corners
        assertEquals((4 * d + 4 * d) / 9.0, Adaptation.laplacian(rgb, w, w), 1e-3);
    }

    @Test
    void aModelThatIgnoresItsRepresentationShowsNoAdaptation(@TempDir Path dir) {
        Planes hr = new Planes(32, 32, new float[3][32 * 32]);
        for (int ch = 0; ch < 3; ch++) {
            for (int i = 0; i < 32 * 32; i++) {
                hr.c[ch][i] = ((i % 32) * 7 + (i / 32) * 3 + ch * 11) % 23 / 23f;
            }
        }
        Path file = dir.resolve("a.png");
        PhotoFiles.writePng(hr, file);
        assertTrue(Files.isRegularFile(file));
        // A fresh compact model's restoration branch starts at zero: Gr is bilinear whatever E reads.
        try (CompactModel fresh = CompactModel.create(CompactConfig.defaults(), 1)) {
            Adaptation.Result r = Adaptation.measure(fresh, List.of(file), 4, 15, 0);
            assertEquals(r.psnr()[0], r.psnr()[1], 0);
            assertEquals(r.psnr()[2], r.psnr()[3], 0);
            assertTrue(r.psnr()[0] > r.psnr()[2], "noise lowers the PSNR: " + r.table());
            assertTrue(r.detail()[2] > r.detail()[0], "noise adds detail: " + r.table());
        }
    }
}
