package org.dadiff4j.testutil;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the garbage collector and fills fresh direct buffers, so that a Java buffer an
 * engine tensor still reads after its array was closed is freed and overwritten (0x7f bytes).
 */
public final class GarbageChurn {

    private GarbageChurn() {}

    /** Buffers of 4 bytes (a scalar) to 4 KB. */
    public static void run() {
        run(4, 8, 16, 64, 256, 1024, 4096);
    }

    /** Buffers of the given sizes in bytes: those of the freed arrays a test expects to be overwritten. */
    public static void run(int... sizes) {
        List<ByteBuffer> kept = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int size : sizes) {
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
