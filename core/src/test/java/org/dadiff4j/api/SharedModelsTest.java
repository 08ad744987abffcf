package org.dadiff4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dadiff4j.ModelException;
import org.dadiff4j.image.BufferedImages;
import org.dadiff4j.image.Picture;
import org.dadiff4j.pipeline.Method;
import org.dadiff4j.pipeline.ModelFiles;
import org.dadiff4j.pipeline.Upscalers;
import org.junit.jupiter.api.Test;

/** Networks loaded once for several instances: the same results as instances of their own, nothing loaded twice. */
class SharedModelsTest {

    private static BufferedImage image() {
        int n = 12;
        float[][] planes = new float[3][n * n];
        for (int i = 0; i < n * n; i++) {
            planes[0][i] = 0.3f + 0.4f * (i % n) / n;
            planes[1][i] = 0.3f + 0.4f * (i / n) / n;
            planes[2][i] = 0.5f;
        }
        return BufferedImages.toImage(Picture.of(n, n, planes, null, 8));
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void sharedInstancesGiveTheSameResultsAsOwnOnes() {
        Settings two = Settings.builder().optScale(4).optSteps(2).optStrength(1).optSeed(3).build();
        Settings three = two.toBuilder().optSteps(3).build();
        BufferedImage lr = image();
        int[] ownTwo;
        int[] ownThree;
        try (Dadiff a = Dadiff.builder().optSettings(two).build(); Dadiff b = Dadiff.builder().optSettings(three).build()) {
            ownTwo = pixels(a.upscale(lr));
            ownThree = pixels(b.upscale(lr));
        }
        try (SharedModels shared = new SharedModels(ModelFiles.DEFAULTS)) {
            Dadiff a = Dadiff.builder().optSettings(two).optShared(shared).build();
            Dadiff b = Dadiff.builder().optSettings(three).optShared(shared).build();
            assertArrayEquals(ownThree, pixels(b.upscale(lr)));
            assertArrayEquals(ownTwo, pixels(a.upscale(lr)));
            assertEquals(a.modelHashes(), b.modelHashes());
            a.close();
            assertArrayEquals(ownThree, pixels(b.upscale(lr)), "closing one instance leaves the networks to the others");
            b.close();
        }
    }

    @Test
    void givenNetworksServeAsLoadedOnesAndStayTheCallers() {
        Settings two = Settings.builder().optScale(4).optSteps(2).optStrength(1).optSeed(3).build();
        BufferedImage lr = image();
        int[] own;
        try (Dadiff a = Dadiff.builder().optSettings(two).build()) {
            own = pixels(a.upscale(lr));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Upscalers.Models loaded = ModelFiles.DEFAULTS.load(Method.DADIFF, 4, false, m, new LinkedHashMap<>());
            List<Integer> observed = new ArrayList<>();
            try (SharedModels given = SharedModels.of(loaded.prior, loaded.degradation, null);
                    Dadiff a = Dadiff.builder().optSettings(two).optShared(given)
                            .optStepObserver((step, x0, x) -> observed.add(step.index())).build()) {
                assertArrayEquals(own, pixels(a.upscale(lr)), "the same networks give the same image");
                assertEquals(List.of(0, 1), observed, "the observer sees every step");
                assertTrue(a.modelHashes().isEmpty(), "no file was loaded or hashed");
                ModelException e = assertThrows(ModelException.class, () -> Dadiff.builder()
                        .optMethod(Method.EXPLICIT).optShared(given).build());
                assertEquals("method explicit needs a blur-kernel estimator (kernelEstimator), and none was given", e.getMessage());
            }
            try (SharedModels again = SharedModels.of(null, loaded.degradation, null);
                    Dadiff restore = Dadiff.builder().optMethod(Method.RESTORE).optShared(again).build()) {
                assertEquals(48, restore.upscale(lr).getWidth(), "closing the first left the networks to the caller");
            }
            loaded.close();
        }
    }

    @Test
    void eachNetworkLoadsOnce() {
        try (SharedModels shared = new SharedModels(ModelFiles.DEFAULTS)) {
            Map<String, String> hashes = new LinkedHashMap<>();
            Upscalers.Models dadiff = shared.load(Method.DADIFF, 4, false, hashes);
            Upscalers.Models ddnm = shared.load(Method.DDNM, 4, false, new LinkedHashMap<>());
            Upscalers.Models restore = shared.load(Method.RESTORE, 4, false, new LinkedHashMap<>());
            assertNotNull(dadiff.prior);
            assertSame(dadiff.prior, ddnm.prior);
            assertSame(dadiff.degradation, restore.degradation);
            assertNull(ddnm.degradation, "only what the method needs");
            assertNull(restore.prior);
            assertEquals(2, hashes.size(), hashes.toString());
            Upscalers.Models x2 = shared.load(Method.DADIFF, 2, false, new LinkedHashMap<>());
            assertSame(dadiff.prior, x2.prior, "the prior serves every scale");
            assertNotNull(x2.degradation);
            assertNotSame(dadiff.degradation, x2.degradation, "each scale has its own degradation model");
        }
    }
}
