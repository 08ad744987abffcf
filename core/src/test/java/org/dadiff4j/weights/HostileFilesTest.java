package org.dadiff4j.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small files that announce huge sizes (issue #20, cases 5, 6 and 10): each is refused with one
 * line naming the file, quickly and without allocating what it announces.
 */
class HostileFilesTest {

    @TempDir Path tmp;

    /** Runs {@code read}, which must throw a one-line DadiffException naming {@code file}, allocating under 64 MB. */
    private static DadiffException refusedCheaply(Path file, Supplier<?> read, String problem) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] allocated = new long[1];
        DadiffException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            long before = mx.getCurrentThreadAllocatedBytes();
            DadiffException ex = assertThrows(DadiffException.class, read::get);
            allocated[0] = mx.getCurrentThreadAllocatedBytes() - before;
            return ex;
        });
        assertTrue(allocated[0] < 64L << 20, "allocated " + allocated[0] + " bytes");
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("java.")
                || e.getMessage().contains("Exception"), e.getMessage());
        return e;
    }

    @Test
    void aStrideZeroViewCannotInflateAFewBytes() throws Exception {
        // 627 bytes in the report: a 1-element storage viewed with stride 0 as 2^28 elements (1 GiB)
        TorchFiles.Pickle p = new TorchFiles.Pickle().orderedDict().mark();
        p.str("w").tensor("FloatStorage", "0", "cpu", 1, 0, new long[] {1L << 28}, new long[] {0});
        Path legacy = TorchFiles.legacy(tmp.resolve("stride0.pt"), p.op('u').stop(), List.of("0"),
                Map.of("0", TorchFiles.floatBytes(1f)), 4);
        refusedCheaply(legacy, () -> PytorchCheckpoint.read(legacy), "overlapping views are not supported");
        Path zip = TorchFiles.zip(tmp.resolve("stride0.zip.pt"), "archive", p.stop(), Map.of("0", TorchFiles.floatBytes(1f)));
        refusedCheaply(zip, () -> PytorchCheckpoint.read(zip), "overlapping views are not supported");
    }

    @Test
    void aShapeWhoseSizeOverflowsIsRefusedNamingTheFile() throws Exception {
        TorchFiles.Pickle p = new TorchFiles.Pickle().orderedDict().mark();
        p.str("w").tensor("FloatStorage", "0", "cpu", 1, 0, new long[] {1L << 40, 1L << 40}, new long[] {0, 0});
        Path f = TorchFiles.zip(tmp.resolve("overflow.pt"), "archive", p.op('u').stop(),
                Map.of("0", TorchFiles.floatBytes(1f)));
        refusedCheaply(f, () -> PytorchCheckpoint.read(f), "too large");
        TorchFiles.Pickle q = new TorchFiles.Pickle().orderedDict().mark();
        q.str("w").tensor("FloatStorage", "0", "cpu", 1L << 40, 0, new long[] {1}, new long[] {1});
        Path g = TorchFiles.zip(tmp.resolve("storage.pt"), "archive", q.op('u').stop(), Map.of("0", TorchFiles.floatBytes(1f)));
        refusedCheaply(g, () -> PytorchCheckpoint.read(g), "elements (limit");
    }

    @Test
    void aDeflatedStorageThatExpandsLikeABombIsRefused() throws Exception {
        int n = 16 << 20; // 64 MiB of zeros deflate to about 64 kB: a ratio near 1000
        TorchFiles.Pickle p = new TorchFiles.Pickle().orderedDict().mark();
        p.str("w").floats("0", n);
        Path f = tmp.resolve("bomb.pt");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.putNextEntry(new ZipEntry("archive/data.pkl"));
            z.write(p.op('u').stop());
            z.closeEntry();
            z.putNextEntry(new ZipEntry("archive/data/0"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        assertTrue(Files.size(f) < 1 << 20);
        refusedCheaply(f, () -> PytorchCheckpoint.read(f), "zip bomb");
    }

    @Test
    void aFileLargerThanTheHeapIsRefusedWithTheSizeItNeeds() {
        Path f = tmp.resolve("big.pt");
        long tooMuch = Runtime.getRuntime().maxMemory() + (1L << 30);
        DadiffException e = assertThrows(DadiffException.class, () -> Limits.requireHeap(f, tooMuch, "loading its weights"));
        assertTrue(e.getMessage().startsWith(f + ": loading its weights needs "), e.getMessage());
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
        Limits.requireHeap(f, 1 << 20, "loading its weights");
    }

    @Test
    void aPickleOfTheWrongTypeIsNamedInPythonTerms() throws Exception {
        byte[] list = new TorchFiles.Pickle().op(']').stop();
        Path f = TorchFiles.zip(tmp.resolve("list.pt"), "archive", list, Map.of());
        DadiffException e = refusedCheaply(f, () -> PytorchCheckpoint.read(f), "the file holds a list");
        assertFalse(e.getMessage().contains("ArrayList"), e.getMessage());
    }

    @Test
    void aDictThatIsItsOwnKeyIsRefusedInsteadOfOverflowingTheStack() throws Exception {
        // found by the fuzzer: bit flips in a real checkpoint made a dict a key of itself, and
        // hashing it recursed until StackOverflowError. {}, memo 0, then d[d] = None
        byte[] self = new TorchFiles.Pickle().op('}', 'q', 0, 'h', 0, 'N', 's').stop();
        Path f = TorchFiles.zip(tmp.resolve("self.pt"), "archive", self, Map.of());
        refusedCheaply(f, () -> PytorchCheckpoint.read(f), "a dict key is a dict, which Python cannot hash");
        byte[] listKey = new TorchFiles.Pickle().op('}', ']', 'N', 's').stop();
        Path g = TorchFiles.zip(tmp.resolve("list.pt"), "archive", listKey, Map.of());
        refusedCheaply(g, () -> PytorchCheckpoint.read(g), "a dict key is a list");
    }

    @Test
    void safetensorsWithOverlappingOrHugeTensorsAreRefused() throws Exception {
        String overlap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        Path f = safetensors("overlap.safetensors", overlap, 4);
        refusedCheaply(f, () -> Safetensors.read(f), "overlaps");
        String huge = "{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,0]}}";
        Path g = safetensors("huge.safetensors", huge, 0);
        refusedCheaply(g, () -> Safetensors.read(g), "too large");
        String missing = "{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}";
        Path h = safetensors("missing.safetensors", missing, 4);
        refusedCheaply(h, () -> Safetensors.read(h), "lacks dtype, shape or data_offsets");
    }

    private Path safetensors(String name, String header, int dataBytes) throws Exception {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        return Files.write(tmp.resolve(name), b.array());
    }

    @Test
    void npyHeadersThatLieAboutTheirLengthOrShapeAreRefused() throws Exception {
        byte[] v2 = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f};
        Path f = Files.write(tmp.resolve("len.npy"), v2);
        refusedCheaply(f, () -> Npy.read(f), "truncated header");
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 8), }";
        ByteBuffer b = ByteBuffer.allocate(10 + dict.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) dict.length())
                .put(dict.getBytes(StandardCharsets.ISO_8859_1));
        Path g = Files.write(tmp.resolve("shape.npy"), b.array());
        DadiffException e = refusedCheaply(g, () -> Npy.read(g), "not a valid .npy file");
        assertEquals(-1, e.getMessage().indexOf("overflow:"), e.getMessage());
    }
}
