package org.dadiff4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.dadiff4j.image.Picture;
import org.dadiff4j.image.TestImages;
import org.dadiff4j.pipeline.ModelFiles;
import org.dadiff4j.pipeline.ProgressListener;
import org.junit.jupiter.api.Test;

/**
 * Networks shared by instances that run at the same time (a Spark executor's task slots): the
 * calls overlap, and each gives what an instance with networks of its own gives, bit for bit.
 */
class ConcurrentSharedModelsTest {

    private static final Settings SETTINGS = Settings.builder().optScale(4).optSteps(2).optStrength(1).build();

    private static float[] planes(Picture p) {
        float[][] planes = p.planes();
        float[] all = new float[planes.length * planes[0].length];
        for (int c = 0; c < planes.length; c++) {
            System.arraycopy(planes[c], 0, all, c * planes[0].length, planes[0].length);
        }
        return all;
    }

    private static Dadiff own() {
        return Dadiff.builder().optSettings(SETTINGS).optThreads(1).build();
    }

    private static Dadiff sharing(SharedModels shared) {
        return Dadiff.builder().optSettings(SETTINGS).optShared(shared).optThreads(1).build();
    }

    @Test
    void instancesRunAtTheSameTimeAndGiveWhatOwnNetworksGive() throws Exception {
        Picture a = TestImages.quantisedNoise(12, 10, 3, false, 8, 1);
        Picture b = TestImages.quantisedNoise(9, 11, 3, false, 8, 2);
        float[] ownA;
        float[] ownB;
        try (Dadiff d = own()) {
            ownA = planes(d.upscale(a, 3, ProgressListener.NONE));
            ownB = planes(d.upscale(b, 5, ProgressListener.NONE));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (SharedModels shared = SharedModels.concurrent(ModelFiles.DEFAULTS);
                Dadiff first = sharing(shared);
                Dadiff second = sharing(shared)) {
            assertTrue(shared.isConcurrent());
            // each call waits after its first step until the other has done its first: calls run one
            // at a time would break the barrier by its timeout
            CyclicBarrier together = new CyclicBarrier(2);
            ProgressListener meet = new ProgressListener() {
                @Override
                public void stepDone(int step, int steps) {
                    if (step == 1) {
                        try {
                            together.await(120, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException("the other call did not run meanwhile", e);
                        }
                    }
                }
            };
            Future<Picture> hrA = pool.submit(() -> first.upscale(a, 3, meet));
            Future<Picture> hrB = pool.submit(() -> second.upscale(b, 5, meet));
            assertArrayEquals(ownA, planes(hrA.get(5, TimeUnit.MINUTES)));
            assertArrayEquals(ownB, planes(hrB.get(5, TimeUnit.MINUTES)));
            assertEquals(first.modelHashes(), second.modelHashes());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingWaitsForTheRunningCallsAndLaterCallsFail() throws Exception {
        Picture lr = TestImages.quantisedNoise(8, 8, 3, false, 8, 3);
        SharedModels shared = SharedModels.concurrent(ModelFiles.DEFAULTS);
        Dadiff d = sharing(shared);
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Picture> call = CompletableFuture.supplyAsync(() -> d.upscale(lr, 1, new ProgressListener() {
            @Override
            public void stepDone(int step, int steps) {
                inCall.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        assertTrue(inCall.await(2, TimeUnit.MINUTES), "the call started");
        CompletableFuture<Void> closing = CompletableFuture.runAsync(shared::close);
        Thread.sleep(300);
        assertFalse(closing.isDone(), "close waits for the running call");
        release.countDown();
        assertEquals(32, call.get(2, TimeUnit.MINUTES).width(), "the running call ends with its networks");
        closing.get(1, TimeUnit.MINUTES);
        assertThrows(IllegalStateException.class, () -> d.upscale(lr, 1, ProgressListener.NONE));
        d.close();
    }
}
