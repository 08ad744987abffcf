package org.dadiff4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dadiff4j.DadiffException;
import org.dadiff4j.degrade.Planes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoaderTest {

    private static TrainingLoader.Builder loader(Path photos) {
        return TrainingLoader.builder().setImages(List.of(photos)).optCropSize(64).optScale(4).optSeed(7);
    }

    @Test
    void pairsDependOnlyOnSeedAndIndex(@TempDir Path dir) {
        Path photos = dir.resolve("p");
        PhotoFiles.writePng(DatasetBuilderTest.photo(200, 150, 1), photos.resolve("a.png"));
        PhotoFiles.writePng(DatasetBuilderTest.photo(90, 300, 2), photos.resolve("b.png"));
        PhotoFiles.writePng(DatasetBuilderTest.photo(40, 40, 3), photos.resolve("tiny.png"));
        try (TrainingLoader a = loader(photos).build();
                TrainingLoader b = loader(photos).optStartIndex(10).optWorkers(2).optQueueSize(3).build()) {
            assertEquals(2, a.photos(), "the photo smaller than a crop is left out");
            Set<String> distinct = new HashSet<>();
            Set<Integer> transforms = new HashSet<>();
            for (long i = 10; i < 30; i++) {
                TrainingPair p = b.next();
                TrainingPair q = a.pair(i);
                assertEquals(i, p.index);
                assertArrayEquals(q.hr.toInterleavedBytes(), p.hr.toInterleavedBytes());
                assertArrayEquals(q.lr.toInterleavedBytes(), p.lr.toInterleavedBytes());
                assertEquals(64, p.hr.width);
                assertEquals(16, p.lr.width);
                distinct.add(Arrays.toString(p.lr.toInterleavedBytes()));
                transforms.add(p.transform);
            }
            assertEquals(20, distinct.size());
            assertTrue(transforms.size() > 3, "flips and rotations vary: " + transforms);
            TrainingLoader other = loader(photos).optSeed(8).build();
            assertFalse(Arrays.equals(a.pair(10).lr.toInterleavedBytes(), other.pair(10).lr.toInterleavedBytes()));
        }
    }

    @Test
    void backgroundQueueIsOrderedAndStopsOnClose(@TempDir Path dir) throws Exception {
        Path photos = dir.resolve("p");
        PhotoFiles.writePng(DatasetBuilderTest.photo(128, 128, 4), photos.resolve("a.png"));
        TrainingLoader l = loader(photos).optQueueSize(2).build();
        assertEquals(0, l.next().index);
        assertEquals(1, l.next().index);
        l.close();
        for (int i = 0; i < 50 && loaderThreadsAlive(); i++) {
            Thread.sleep(20);
        }
        assertFalse(loaderThreadsAlive(), "background threads stop after close");
    }

    private static boolean loaderThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("training-data") && t.isAlive());
    }

    @Test
    void detailIsTheMeanAbsoluteLaplacianOfLumaInLevels() {
        Planes flat = Planes.zeros(16, 16, 3);
        Planes checker = Planes.zeros(16, 16, 3);
        for (int i = 0; i < 256; i++) {
            for (int c = 0; c < 3; c++) {
                flat.c[c][i] = 0.4f;
                checker.c[c][i] = (i / 16 + i % 16) % 2;
            }
        }
        assertEquals(0, TrainingLoader.detail(flat), 1e-3);
        assertEquals(4 * 255, TrainingLoader.detail(checker), 1e-2, "every interior pixel differs from its 4 neighbours by 255");
    }

    @Test
    void aDetailReferenceDrawsFlatCropsAgain(@TempDir Path dir) {
        Path photos = dir.resolve("p");
        Planes flat = Planes.zeros(128, 128, 3);
        for (float[] c : flat.c) {
            Arrays.fill(c, 0.5f);
        }
        PhotoFiles.writePng(flat, photos.resolve("a-flat.png"));
        PhotoFiles.writePng(DatasetBuilderTest.photo(128, 128, 5), photos.resolve("b-detailed.png"));
        try (TrainingLoader any = loader(photos).build(); TrainingLoader detailed = loader(photos).optDetail(8).build()) {
            int flatAny = 0;
            int flatDetailed = 0;
            for (long i = 0; i < 200; i++) {
                flatAny += any.pair(i).source.contains("a-flat") ? 1 : 0;
                flatDetailed += detailed.pair(i).source.contains("a-flat") ? 1 : 0;
            }
            // Equal areas: half the crops are flat; with the reference only those whose 7 first draws were all flat (1/128).
            assertTrue(flatAny > 70 && flatAny < 130, "unweighted flat crops: " + flatAny);
            assertTrue(flatDetailed < 10, "flat crops with a detail reference: " + flatDetailed);
        }
        assertThrows(IllegalArgumentException.class, () -> loader(photos).optDetail(-1).build());
    }

    @Test
    void noUsablePhotoIsAUserError(@TempDir Path dir) {
        PhotoFiles.writePng(DatasetBuilderTest.photo(30, 30, 1), dir.resolve("s.png"));
        assertThrows(DadiffException.class, () -> loader(dir).build());
    }
}
