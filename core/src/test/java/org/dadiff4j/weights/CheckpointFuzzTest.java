package org.dadiff4j.weights;

import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import org.dadiff4j.fuzz.FixedSeed;
import org.dadiff4j.fuzz.FuzzHarness;

/**
 * Fuzzes the checkpoint readers (torch.save zip and legacy pickle, safetensors, npy, npz): files
 * written the way PyTorch and NumPy write them, and the real small ones of ../shared where present,
 * mutated by {@link Mutator}. A reader may allocate 64 MB plus 16 times the file: it never trusts a
 * size the file announces. See docs/reliability.md.
 */
@Tag("fuzz")
@AddLifecycleHook(FixedSeed.class)
class CheckpointFuzzTest {

    private static final Map<String, List<byte[]>> SEEDS = new ConcurrentHashMap<>();

    @Property
    void torchZip(@ForAll @IntRange(max = 1000) int pick, @ForAll long choice) throws IOException {
        fuzz("torch-zip", "case.pt", pick, choice, WeightsFile::read);
    }

    @Property
    void torchLegacy(@ForAll @IntRange(max = 1000) int pick, @ForAll long choice) throws IOException {
        fuzz("torch-legacy", "case.pth", pick, choice, WeightsFile::read);
    }

    @Property
    void safetensors(@ForAll @IntRange(max = 1000) int pick, @ForAll long choice) throws IOException {
        fuzz("safetensors", "case.safetensors", pick, choice, WeightsFile::read);
    }

    @Property
    void npy(@ForAll @IntRange(max = 1000) int pick, @ForAll long choice) throws IOException {
        fuzz("npy", "case.npy", pick, choice, f -> Npy.read(f).toFloats());
    }

    @Property
    void npz(@ForAll @IntRange(max = 1000) int pick, @ForAll long choice) throws IOException {
        fuzz("npz", "case.npz", pick, choice, f -> {
            Map<String, Npy.Array> arrays = Npz.read(f);
            arrays.values().forEach(Npy.Array::toFloats);
            return arrays;
        });
    }

    @AfterContainer
    static void writeStats() throws IOException {
        FuzzHarness.writeStats();
    }

    private static void fuzz(String reader, String name, int pick, long choice, FuzzHarness.Reader read)
            throws IOException {
        FuzzHarness.fuzz(reader, name, SEEDS.computeIfAbsent(reader, CheckpointFuzzTest::seeds), pick, choice,
                n -> (64L << 20) + 16L * n, read);
    }

    private static List<byte[]> seeds(String reader) {
        try {
            Path tmp = Files.createTempDirectory("seeds");
            List<byte[]> s = new ArrayList<>();
            switch (reader) {
                case "torch-zip":
                    s.add(Files.readAllBytes(TorchFiles.zip(tmp.resolve("a.pt"), "archive", stateDictPickle(),
                            storages())));
                    s.add(Files.readAllBytes(TorchFiles.zip(tmp.resolve("b.pt"), "model", wrappedPickle(), storages())));
                    FuzzHarness.addShared(s, "reference/metrics/lpips/official_weights/v0.1_alex_zip.pt",
                            "reference/metrics/dists/official_weights/weights_zip.pt");
                    break;
                case "torch-legacy":
                    s.add(Files.readAllBytes(TorchFiles.legacy(tmp.resolve("a.pth"), stateDictPickle(),
                            List.of("0", "1", "2"), storages(), 4)));
                    FuzzHarness.addShared(s, "reference/metrics/lpips/official_weights/v0.1_alex.pth",
                            "reference/metrics/lpips/official_weights/v0.1_vgg.pth");
                    break;
                case "safetensors": {
                    StateDict sd = new StateDict("seed").put("w", TensorData.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3))
                            .put("b", TensorData.of(new float[] {0.5f}, 1))
                            .put("n", TensorData.ofLongs(new long[] {7}));
                    Safetensors.write(tmp.resolve("a.safetensors"), sd, Map.of("format", "pt"), DataType.FLOAT32);
                    Safetensors.write(tmp.resolve("b.safetensors"), sd, Map.of(), DataType.FLOAT16);
                    s.add(Files.readAllBytes(tmp.resolve("a.safetensors")));
                    s.add(Files.readAllBytes(tmp.resolve("b.safetensors")));
                    break;
                }
                case "npy":
                    for (String r : new String[] {"pil_src_5x6.npy", "pil_bicubic_2x3.npy", "pil_bicubic_11x4.npy"}) {
                        s.add(resource("/image/" + r));
                    }
                    Npy.write(tmp.resolve("a.npy"), new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
                    s.add(Files.readAllBytes(tmp.resolve("a.npy")));
                    break;
                case "npz":
                    s.add(npz(false));
                    s.add(npz(true));
                    FuzzHarness.addShared(s, "metrics/niqe_pris_params.npz");
                    break;
                default:
                    throw new IllegalArgumentException(reader);
            }
            return s;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {"w": 2x3 floats, "w_t": its transpose (a strided view), "h": fp16, "n": int64 scalar}. */
    private static byte[] stateDictPickle() {
        TorchFiles.Pickle p = new TorchFiles.Pickle().orderedDict().mark();
        p.str("w").tensor("FloatStorage", "0", "cpu", 6, 0, new long[] {2, 3}, new long[] {3, 1});
        p.str("w_t").tensor("FloatStorage", "0", "cpu", 6, 0, new long[] {3, 2}, new long[] {1, 3});
        p.str("h").tensor("HalfStorage", "1", "cpu", 2, 0, new long[] {2}, new long[] {1});
        p.str("n").tensor("LongStorage", "2", "cpu", 1, 0, new long[] {}, new long[] {});
        return p.op('u').stop();
    }

    /** {"params": state dict}, as basicsr saves. */
    private static byte[] wrappedPickle() {
        TorchFiles.Pickle p = new TorchFiles.Pickle().op('}').str("params").orderedDict().mark();
        p.str("w").tensor("FloatStorage", "0", "cpu", 6, 0, new long[] {6}, new long[] {1});
        p.str("h").tensor("HalfStorage", "1", "cpu", 2, 0, new long[] {2}, new long[] {1});
        p.str("n").tensor("LongStorage", "2", "cpu", 1, 0, new long[] {}, new long[] {});
        return p.op('u', 's').stop();
    }

    private static Map<String, byte[]> storages() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("0", TorchFiles.floatBytes(1, 2, 3, 4, 5, 6));
        m.put("1", new byte[] {0, 0x3c, 0, (byte) 0xc0}); // 1.0, -2.0 in fp16
        m.put("2", TorchFiles.le(8).putLong(5).array());
        return m;
    }

    private static byte[] npz(boolean deflated) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.setMethod(deflated ? ZipOutputStream.DEFLATED : ZipOutputStream.STORED);
            for (String r : new String[] {"pil_src_5x6.npy", "pil_bicubic_2x3.npy"}) {
                byte[] data = resource("/image/" + r);
                ZipEntry e = new ZipEntry(r);
                if (!deflated) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(data);
                    e.setSize(data.length);
                    e.setCompressedSize(data.length);
                    e.setCrc(crc.getValue());
                }
                z.putNextEntry(e);
                z.write(data);
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CheckpointFuzzTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
