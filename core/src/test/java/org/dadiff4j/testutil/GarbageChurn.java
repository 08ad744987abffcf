package org.dadiff4j.testutil;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the garbage collector and fills fresh direct buffers of small sizes, so that a Java buffer an
 * engine tensor still reads after its array was closed is freed and overwritten (0x7f bytes).
 */
public final class GarbageChurn {

    private GarbageChurn() {}

    public static void run() {
        List<ByteBuffer> kept = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int size : new int[] {4, 8, 16, 64, 256, 1024, 4096}) {
                for (int i = 0; i < 200; i++) {
                    ByteBuffer b = ByteBuffer.allocateDirect(size);
                    while (b.hasRemaining()) {
                        b.put((byte) 0x7f);
                    }
                    kept.add(b);
                }
            }
        }
    }
}
