package org.dadiff4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.dadiff4j.ImageException;
import org.dadiff4j.ModelException;
import org.dadiff4j.SettingsException;
import org.dadiff4j.image.BufferedImages;
import org.dadiff4j.image.Picture;
import org.dadiff4j.pipeline.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library facade: settings errors, files and streams, cancellation, sharing between threads. */
class DadiffTest {

    @TempDir Path dir;

    /** A smooth 16x16 RGB image (smooth, so that every method keeps it). */
    private static BufferedImage smallImage() {
        int n = 16;
        float[][] planes = new float[3][n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                planes[0][y * n + x] = 0.2f + 0.6f * x / n;
                planes[1][y * n + x] = 0.2f + 0.6f * y / n;
                planes[2][y * n + x] = 0.5f;
            }
        }
        return BufferedImages.toImage(Picture.of(n, n, planes, null, 8));
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void settingsErrorsNameTheSettingNotAFlag() {
        SettingsException e = assertThrows(SettingsException.class, () -> Settings.builder().optScale(0).build());
        assertEquals("scale", e.setting());
        assertEquals("scale must be between 1 and 16, got 0", e.getMessage());
        assertEquals("strength", assertThrows(SettingsException.class,
                () -> Settings.builder().optStrength(1.5).build()).setting());
        assertEquals("steps", assertThrows(SettingsException.class,
                () -> Dadiff.builder().optSteps(0).build()).setting());
        assertEquals("alpha", assertThrows(SettingsException.class,
                () -> Settings.builder().optAlpha(Double.NaN).build()).setting());
        // Checked against the prior when the models load: an odd tile fits no prior's size multiple.
        SettingsException tile = assertThrows(SettingsException.class, () -> Dadiff.builder()
                .optSettings(Settings.builder().optMethod(Method.DDNM).optTile(161).build()).build());
        assertEquals("tile", tile.setting());
        assertTrue(tile.getMessage().startsWith("tile must be a multiple of "), tile.getMessage());
    }

    @Test
    void settingsAreImmutableValues() {
        Settings.Builder b = Settings.builder().optSteps(7);
        Settings s = b.build();
        b.optSteps(9);
        assertEquals(7, s.steps());
        assertEquals(9, b.build().steps());
        Settings t = s.toBuilder().optScale(2).build();
        assertEquals(4, s.scale());
        assertEquals(2, t.scale());
        assertEquals(7, t.steps());
        assertEquals(org.dadiff4j.pipeline.Defaults.STRENGTH, Settings.defaults().strength());
        assertEquals(Method.DADIFF, Settings.defaults().method());
    }

    @Test
    void alphaDefaultsToTheProjectionWhenAnchoredAndToThePapersFromPureNoise() {
        assertEquals(2.0, Settings.defaults().alpha(), "anchored DADiff: the full projection");
        assertEquals(0.3, Settings.builder().optStrength(1).build().alpha(), 1e-7, "the paper's run from pure noise");
        assertEquals(0.3, Settings.builder().optOfficial(true).build().alpha(), 1e-7, "the official loop");
        assertEquals(0.3, Settings.builder().optMethod(Method.COMBINE).build().alpha(), 1e-7, "only dadiff's runs change");
        assertEquals(0.5, Settings.builder().optAlpha(0.5).build().alpha(), "a given alpha is kept at any strength");
        assertEquals(0.5, Settings.builder().optAlpha(0.5).optStrength(1).build().alpha());
        // A copy keeps alpha unset, so that a later strength picks its own default.
        assertEquals(0.3, Settings.defaults().toBuilder().optStrength(1).build().alpha(), 1e-7);
        assertEquals(2.0f, Settings.defaults().describe().get("alpha"), "the sidecar records the alpha that ran");
    }

    @Test
    void ensembleDefaultsToEightForTheRestorationAndAnchoredRunsAndToGrAloneForThePapersLoop() {
        assertEquals(8, Settings.defaults().ensemble(), "anchored DADiff");
        assertEquals(8, Settings.builder().optMethod(Method.RESTORE).build().ensemble(), "restore");
        assertEquals(1, Settings.builder().optStrength(1).build().ensemble(), "the paper's run from pure noise");
        assertEquals(1, Settings.builder().optOfficial(true).build().ensemble(), "the official loop");
        assertEquals(1, Settings.builder().optMethod(Method.COMBINE).build().ensemble(), "an ablation keeps Gr alone");
        assertEquals(1, Settings.defaults().toBuilder().optStrength(1).build().ensemble(), "a copy keeps it unset");
        assertEquals(2, Settings.builder().optEnsemble(2).optStrength(1).build().ensemble(), "a given one is kept");
        assertEquals(8, Settings.defaults().describe().get("ensemble"), "the sidecar records the ensemble that ran");
        SettingsException odd = assertThrows(SettingsException.class, () -> Settings.builder().optEnsemble(3).build());
        assertEquals("ensemble", odd.setting());
        assertEquals("ensemble must be 1, 2, 4 or 8, got 3", odd.getMessage());
        assertEquals("ensemble", assertThrows(SettingsException.class,
                () -> Settings.builder().optOfficial(true).optEnsemble(8).build()).setting());
    }

    /** Each Gr call of the restoration's self-ensemble is a step, and a token stops it there. */
    @Test
    void theRestorationReportsAStepPerTransformAndCancelsBetweenThem() {
        try (Dadiff d = Dadiff.builder().optMethod(Method.RESTORE).build();
                Dadiff one = Dadiff.builder().optSettings(
                        Settings.builder().optMethod(Method.RESTORE).optEnsemble(1).build()).build()) {
            List<String> seen = new ArrayList<>();
            BufferedImage hr = d.upscale(smallImage(), (done, total) -> seen.add(done + "/" + total), null);
            assertEquals(List.of("1/8", "2/8", "3/8", "4/8", "5/8", "6/8", "7/8", "8/8"), seen);
            List<String> alone = new ArrayList<>();
            BufferedImage gr = one.upscale(smallImage(), (done, total) -> alone.add(done + "/" + total), null);
            assertEquals(List.of("1/1"), alone);
            assertEquals(hr.getWidth(), gr.getWidth());
            assertFalse(java.util.Arrays.equals(pixels(hr), pixels(gr)), "the mean of 8 is not Gr alone");

            assertEquals(List.of(1, 2, 3), stepsUntilCancelledAt(d, 3));
        }
    }

    @Test
    void aMissingModelIsAModelExceptionNamingTheFile() {
        Path missing = dir.resolve("nothing.safetensors");
        ModelException e = assertThrows(ModelException.class,
                () -> Dadiff.builder().optMethod(Method.RESTORE).optDegradation(missing).build());
        assertTrue(e.getMessage().contains("nothing.safetensors"), e.getMessage());
    }

    @Test
    void filesAndStreamsGiveTheSameImageAsMemory() throws Exception {
        try (Dadiff d = Dadiff.builder().optMethod(Method.RESTORE).build()) {
            BufferedImage lr = smallImage();
            BufferedImage hr = d.upscale(lr);
            assertEquals(64, hr.getWidth());

            Path in = dir.resolve("in.png");
            ImageIO.write(lr, "png", in.toFile());
            Path out = dir.resolve("out.png");
            d.upscale(in, out);
            assertArrayEquals(pixels(hr), pixels(ImageIO.read(out.toFile())));

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            d.upscale(new ByteArrayInputStream(Files.readAllBytes(in)), bytes, "png");
            assertArrayEquals(pixels(hr), pixels(ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()))));
        }
    }

    @Test
    void aBadImageIsAnImageExceptionNamingIt() throws Exception {
        Path bad = dir.resolve("bad.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        try (Dadiff d = Dadiff.builder().optMethod(Method.BICUBIC).build()) {
            ImageException e = assertThrows(ImageException.class, () -> d.upscale(bad, dir.resolve("o.png")));
            assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
            assertFalse(Files.exists(dir.resolve("o.png")));
            assertThrows(ImageException.class, () -> d.upscale(
                    new ByteArrayInputStream(new byte[] {1, 2, 3}), new ByteArrayOutputStream(), "png"));
        }
    }

    /** The steps {@code d} reports on a small image when a token is cancelled in step {@code at}; it must throw. */
    private static List<Integer> stepsUntilCancelledAt(Dadiff d, int at) {
        CancelToken token = new CancelToken();
        List<Integer> seen = new ArrayList<>();
        assertThrows(CancellationException.class, () -> d.upscale(smallImage(), (done, total) -> {
            seen.add(done);
            if (done == at) {
                token.cancel();
            }
        }, token));
        return seen;
    }

    @Test
    void aTokenCancelsAfterTheStepItIsSetInAndTheInstanceStaysUsable() {
        try (Dadiff d = Dadiff.builder().optMethod(Method.DDNM).optSteps(6).optStrength(1).build()) {
            assertEquals(List.of(1, 2), stepsUntilCancelledAt(d, 2));

            List<Integer> all = new ArrayList<>();
            BufferedImage hr = d.upscale(smallImage(), (done, total) -> all.add(done), null);
            assertEquals(6, all.size());
            assertEquals(64, hr.getWidth());
        }
    }

    @Test
    void anInterruptCancelsAndStaysSet() {
        try (Dadiff d = Dadiff.builder().optMethod(Method.DDNM).optSteps(3).build()) {
            Thread.currentThread().interrupt();
            try {
                assertThrows(CancellationException.class, () -> d.upscale(smallImage()));
                assertTrue(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Test
    void oneInstanceServesSeveralThreadsWithTheResultsOfOne() throws Exception {
        try (Dadiff d = Dadiff.builder().optMethod(Method.DDNM).optSteps(3).optSeed(5).build()) {
            int[] alone = pixels(d.upscale(smallImage()));
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<BufferedImage>> results = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    results.add(pool.submit(() -> d.upscale(smallImage())));
                }
                for (Future<BufferedImage> f : results) {
                    assertArrayEquals(alone, pixels(f.get()));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aClosedInstanceRefusesWork() {
        Dadiff d = Dadiff.builder().optMethod(Method.BICUBIC).build();
        d.close();
        d.close();
        assertThrows(IllegalStateException.class, () -> d.upscale(smallImage()));
    }

    @Test
    void theEmbeddedModelsAreFoundOnTheClasspathAndRecorded() {
        try (Dadiff d = Dadiff.builder().optMethod(Method.RESTORE).optScale(2).build()) {
            assertEquals(1, d.modelHashes().size());
            String file = d.modelHashes().keySet().iterator().next();
            assertTrue(file.endsWith("degradation-x2.safetensors"), file);
            assertEquals(64, d.modelHashes().get(file).length());
        }
    }
}
