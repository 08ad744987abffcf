package org.dadiff4j.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.dadiff4j.DadiffException;
import org.junit.jupiter.api.Test;

/** The density rule of {@link ImageLimits}: bombs are refused, real pictures are not. */
class ImageLimitsTest {

    @Test
    void aFileMayAnnounceFourMegapixelsAndThenInProportionToItsBytes() {
        assertEquals(ImageLimits.FREE_PIXELS, ImageLimits.maxPixels("JPEG", 1000));
        assertEquals(128 * 100_000L, ImageLimits.maxPixels("JPEG", 100_000));
        assertEquals(1024 * 100_000L, ImageLimits.maxPixels("png", 100_000));
        Path f = Path.of("bomb.jpg");
        // 10 MP in 10 kB: what stopped the JPEG campaign (allowed by one byte per 1024 pixels)
        DadiffException e = assertThrows(DadiffException.class, () -> ImageLimits.check(f, "JPEG", 3200, 3200, 10_208));
        assertEquals("bomb.jpg: announces 3200x3200 pixels in only 10208 bytes: a corrupt header or a decompression bomb",
                e.getMessage());
        ImageLimits.check(f, "JPEG", 3200, 3200, 80_000); // 0.008 bytes per pixel: accepted
        ImageLimits.check(f, "png", 3200, 3200, 10_208); // a flat PNG can be that dense
    }

    /**
     * Every JPEG and PNG of the photo corpora (data/corpora, where linked; see README) passes: the
     * densest JPEG above 4 MP holds 0.02 bytes per pixel, the densest PNG 0.005.
     */
    @Test
    void everyPictureOfTheCorporaPasses() throws IOException {
        Path corpora = Path.of("data", "corpora");
        assumeTrue(Files.isDirectory(corpora), "data/corpora is not linked here: the corpus check is skipped");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(corpora, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                    .matches(".*\\.(jpe?g|png)")).forEach(files::add);
        }
        assumeTrue(!files.isEmpty(), "data/corpora holds no JPEG or PNG");
        List<String> refused = new ArrayList<>();
        for (Path p : files) {
            try {
                ImageFiles.size(p);
            } catch (DadiffException e) {
                if (e.getMessage().contains("decompression bomb")) {
                    refused.add(e.getMessage());
                }
            }
        }
        assertEquals(List.of(), refused, files.size() + " files");
    }
}
