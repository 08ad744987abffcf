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
    void noUsablePhotoIsAUserError(@TempDir Path dir) {
        PhotoFiles.writePng(DatasetBuilderTest.photo(30, 30, 1), dir.resolve("s.png"));
        assertThrows(DadiffException.class, () -> loader(dir).build());
    }
}
