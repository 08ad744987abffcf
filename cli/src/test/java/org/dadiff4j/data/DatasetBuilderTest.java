package org.dadiff4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.weights.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetBuilderTest {

    /** A textured synthetic photo (the data set must not depend on the corpora). */
    static Planes photo(int w, int h, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Planes p = Planes.zeros(w, h, 3);
        double fx = 0.02 + 0.1 * r.nextDouble();
        double fy = 0.02 + 0.1 * r.nextDouble();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    p.c[c][y * w + x] = (float) (0.5 + 0.3 * Math.sin(fx * x * (c + 1)) * Math.cos(fy * y)
                            + 0.05 * r.nextDouble());
                }
            }
        }
        return p;
    }

    @Test
    void buildsPaperLayoutDeterministically(@TempDir Path dir) throws Exception {
        Path photos = dir.resolve("photos");
        PhotoFiles.writePng(photo(300, 530, 1), photos.resolve("a/pic.png"));
        PhotoFiles.writePng(photo(520, 260, 2), photos.resolve("b/pic.png"));
        Manifest m = build(photos, dir.resolve("out1"));
        // 1x2 grid in the first photo, 2x1 in the second
        assertEquals(4, m.entries.size());
        assertEquals("a-pic_000.png", m.entries.get(0).name);
        assertArrayEquals(new int[] {22, 9, 256, 256}, m.entries.get(0).box);
        for (Manifest.Entry e : m.entries) {
            Planes hr = PhotoFiles.read(dir.resolve("out1/HR").resolve(e.name));
            assertEquals(256, hr.width);
            for (int s : new int[] {2, 4}) {
                Planes lr = PhotoFiles.read(dir.resolve("out1/LR/x" + s).resolve(e.name));
                assertEquals(256 / s, lr.width);
                assertEquals(256 / s, lr.height);
                Npy.Array k = Npy.read(dir.resolve("out1/kernels/x" + s).resolve(e.name.replace(".png", ".npy")));
                assertArrayEquals(new long[] {21, 21}, k.shape);
                assertEquals(s, e.lr.get("x" + s).scale);
            }
        }
        Manifest again = Manifest.read(dir.resolve("out1"));
        assertEquals(m.entries.get(3).lr.get("x4").seed, again.entries.get(3).lr.get("x4").seed);
        assertNotEquals(m.entries.get(2).lr.get("x4").seed, m.entries.get(3).lr.get("x4").seed);

        build(photos, dir.resolve("out2"));
        for (Manifest.Entry e : m.entries) {
            for (String sub : List.of("HR", "LR/x2", "LR/x4")) {
                assertArrayEquals(Files.readAllBytes(dir.resolve("out1").resolve(sub).resolve(e.name)),
                        Files.readAllBytes(dir.resolve("out2").resolve(sub).resolve(e.name)), sub + "/" + e.name);
            }
        }
    }

    @Test
    void prescaleRandomCropsAndFlatCropsSkipped(@TempDir Path dir) {
        Path photos = dir.resolve("p");
        PhotoFiles.writePng(photo(600, 600, 3), photos.resolve("tex.png"));
        PhotoFiles.writePng(Planes.zeros(300, 300, 3), photos.resolve("black.png"));
        Manifest m = DatasetBuilder.builder().setSources(List.of(photos)).setOutput(dir.resolve("o"))
                .optPrescale(0.5).optRandomCrops(3).optCropSize(128).optScales(8).optSeed(5).build().build();
        // black.png has no texture, tex.png shrinks to 300x300 and gives 3 random crops
        assertEquals(3, m.entries.size());
        for (Manifest.Entry e : m.entries) {
            assertTrue(e.box[0] + 128 <= 300 && e.box[1] + 128 <= 300, "box inside the prescaled photo");
            assertTrue(e.name.startsWith("tex_"));
        }
        assertEquals(0.5, m.prescale);
    }

    @Test
    void namesGrowOnlyWhereStemsClash() {
        Map<Path, String> n = DatasetBuilder.uniqueNames(List.of(Path.of("/w/Kite/contents/images/2560x1600.jpg"),
                Path.of("/w/Path/contents/images/2560x1600.jpg"), Path.of("/w/x/cloud.png")));
        assertEquals("Kite-contents-images-2560x1600", n.get(Path.of("/w/Kite/contents/images/2560x1600.jpg")));
        assertEquals("Path-contents-images-2560x1600", n.get(Path.of("/w/Path/contents/images/2560x1600.jpg")));
        assertEquals("cloud", n.get(Path.of("/w/x/cloud.png")));
    }

    private static Manifest build(Path photos, Path out) {
        return DatasetBuilder.builder().setSources(List.of(photos)).setOutput(out).optScales(2, 4).optSeed(42)
                .optWriteKernels(true).build().build();
    }
}
