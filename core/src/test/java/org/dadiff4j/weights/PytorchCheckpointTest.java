package org.dadiff4j.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crafted torch.save files: tensor layouts, wrappers, refused globals and corruption. */
class PytorchCheckpointTest {

    @TempDir
    Path tmp;

    private static final byte[] OS_SYSTEM =
            "\u0080\u0002cos\nsystem\nX\u0002\u0000\u0000\u0000lsq\u0085R.".getBytes(StandardCharsets.ISO_8859_1);

    private static DadiffException refused(Path file) {
        return assertThrows(DadiffException.class, () -> PytorchCheckpoint.read(file));
    }

    private static void assertOneLineAbout(Path file, DadiffException e, String problem) {
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void stridesOffsetsAndSharedStoragesGiveTheViewsValues() throws IOException {
        float[] twelve = new float[12];
        for (int i = 0; i < 12; i++) {
            twelve[i] = i;
        }
        TorchFiles.Pickle p = new TorchFiles.Pickle().orderedDict().mark();
        p.str("a").tensor("FloatStorage", "0", "cpu", 12, 0, new long[] {3, 4}, new long[] {4, 1});
        p.str("a_t").tensor("FloatStorage", "0", "cpu", 12, 0, new long[] {4, 3}, new long[] {1, 4});
        p.str("slice").tensor("FloatStorage", "0", "cpu", 12, 5, new long[] {2}, new long[] {3});
        p.str("scalar").tensor("FloatStorage", "0", "cpu", 12, 7, new long[] {}, new long[] {});
        // a Parameter: _rebuild_parameter(tensor, requires_grad, OrderedDict())
        p.str("param").global("torch._utils", "_rebuild_parameter").mark();
        p.tensor("FloatStorage", "0", "cuda:0", 12, 10, new long[] {2}, new long[] {1}).op(0x88).orderedDict();
        p.tuple().reduce();
        p.str("half").tensor("HalfStorage", "1", "cpu", 3, 0, new long[] {3}, new long[] {1});
        p.str("bf16").tensor("BFloat16Storage", "2", "cpu", 2, 0, new long[] {2}, new long[] {1});
        p.str("count").tensor("LongStorage", "3", "cpu", 1, 0, new long[] {}, new long[] {});
        byte[] pkl = p.op('u').stop();
        Map<String, byte[]> storages = new LinkedHashMap<>();
        storages.put("0", TorchFiles.floatBytes(twelve));
        // fp16 1.0, -2.0, 65504 (max); bf16 1.0, -0.333984375
        storages.put("1", TorchFiles.le(6).putShort((short) 0x3c00).putShort((short) 0xc000)
                .putShort((short) 0x7bff).array());
        storages.put("2", TorchFiles.le(4).putShort((short) 0x3f80).putShort((short) 0xbeab).array());
        storages.put("3", TorchFiles.le(8).putLong(1L << 40).array());
        Path file = TorchFiles.zip(tmp.resolve("views.pt"), "any_folder_name", pkl, storages);

        StateDict sd = PytorchCheckpoint.read(file);
        assertEquals(List.of("a", "a_t", "slice", "scalar", "param", "half", "bf16", "count"),
                List.copyOf(sd.keys()));
        assertArrayEquals(twelve, sd.get("a").toFloats());
        assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, sd.get("a_t").toFloats());
        assertArrayEquals(new float[] {5, 8}, sd.get("slice").toFloats());
        assertArrayEquals(new long[] {}, sd.get("scalar").shape());
        assertArrayEquals(new float[] {7}, sd.get("scalar").toFloats());
        assertArrayEquals(new float[] {10, 11}, sd.get("param").toFloats());
        assertEquals(DataType.FLOAT32, sd.get("half").dtype());
        assertArrayEquals(new float[] {1, -2, 65504}, sd.get("half").toFloats());
        assertEquals(DataType.FLOAT32, sd.get("bf16").dtype());
        assertArrayEquals(new float[] {1, -0.333984375f}, sd.get("bf16").toFloats());
        assertEquals(DataType.INT64, sd.get("count").dtype());
        assertArrayEquals(new long[] {1L << 40}, sd.get("count").toLongs());
    }

    private Path wrapped(String name, String... wrappers) throws IOException {
        TorchFiles.Pickle p = new TorchFiles.Pickle();
        for (String w : wrappers) {
            p.op('}').str(w);
        }
        p.orderedDict().mark().str("module.conv.weight").floats("0", 2).str("module.conv.bias").floats("1", 1);
        p.op('u');
        for (String w : wrappers) {
            p.op('s');
        }
        byte[] pkl = p.stop();
        return TorchFiles.zip(tmp.resolve(name), "archive", pkl,
                Map.of("0", TorchFiles.floatBytes(1, 2), "1", TorchFiles.floatBytes(3)));
    }

    @Test
    void unwrapsStateDictAndModelWrappersAndStripsModulePrefix() throws IOException {
        for (String[] wrappers : List.of(new String[] {}, new String[] {"state_dict"},
                new String[] {"model", "state_dict"}, new String[] {"params_ema"})) {
            StateDict sd = PytorchCheckpoint.read(wrapped("w" + wrappers.length + ".pt", wrappers));
            assertEquals(List.of("conv.weight", "conv.bias"), List.copyOf(sd.keys()), Arrays.toString(wrappers));
            assertArrayEquals(new float[] {1, 2}, sd.get("conv.weight").toFloats());
        }
    }

    @Test
    void prefersParamsOverOtherWrappers() throws IOException {
        TorchFiles.Pickle p = new TorchFiles.Pickle().op('}').mark();
        p.str("state_dict").orderedDict().str("x").floats("0", 1).op('s');
        p.str("params").orderedDict().str("y").floats("1", 1).op('s');
        p.str("iter").integer(5000).op('u');
        Path file = TorchFiles.zip(tmp.resolve("both.pt"), "both", p.stop(),
                Map.of("0", TorchFiles.floatBytes(1), "1", TorchFiles.floatBytes(2)));
        StateDict sd = PytorchCheckpoint.read(file);
        assertEquals(List.of("y"), List.copyOf(sd.keys()));
        Map<?, ?> whole = (Map<?, ?>) PytorchCheckpoint.readObject(file);
        assertEquals(5000L, whole.get("iter"));
    }

    @Test
    void refusesOsSystemInZipCheckpoint() throws IOException {
        Path file = TorchFiles.zip(tmp.resolve("evil.pt"), "evil", OS_SYSTEM, Map.of());
        DadiffException e = refused(file);
        assertEquals(file + ": refusing pickle global os.system (only tensors and dicts are allowed)",
                e.getMessage());
    }

    @Test
    void refusesOsSystemInLegacyCheckpoint() throws IOException {
        Path file = TorchFiles.legacy(tmp.resolve("evil.pth"), OS_SYSTEM, List.of(), Map.of(), 4);
        DadiffException e = refused(file);
        assertEquals(file + ": refusing pickle global os.system (only tensors and dicts are allowed)",
                e.getMessage());
    }

    @Test
    void refusesGlobalsNamedByStackGlobalAndCallsOfTypes() throws IOException {
        // Python: pickle.dumps(os.system, 4) names "posix system" with STACK_GLOBAL
        byte[] posix = hex("80049514000000000000008c05706f736978948c0673797374656d9493942e");
        Path file = TorchFiles.zip(tmp.resolve("posix.pt"), "posix", posix, Map.of());
        assertOneLineAbout(file, refused(file), "refusing pickle global posix.system");
        // an allowed type name still cannot be called
        byte[] call = new TorchFiles.Pickle().global("torch", "FloatStorage").op(')').reduce().stop();
        Path file2 = TorchFiles.zip(tmp.resolve("call.pt"), "call", call, Map.of());
        assertOneLineAbout(file2, refused(file2), "pickle calls torch.FloatStorage, which is not allowed");
    }

    @Test
    void corruptFilesGiveOneLineErrorsNamingTheFile() throws IOException {
        Path noise = Files.write(tmp.resolve("noise.pt"), "hello, not a checkpoint".getBytes(StandardCharsets.UTF_8));
        assertOneLineAbout(noise, refused(noise), "not a PyTorch checkpoint");

        Path noPkl = TorchFiles.zip(tmp.resolve("nopkl.pt"), "x", new byte[0], Map.of());
        Path renamed = tmp.resolve("renamed.pt");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(renamed))) {
            z.putNextEntry(new java.util.zip.ZipEntry("x/other.pkl"));
            z.closeEntry();
        }
        assertOneLineAbout(renamed, refused(renamed), "the zip has no data.pkl");
        assertOneLineAbout(noPkl, refused(noPkl), "corrupt pickle");

        byte[] pkl = new TorchFiles.Pickle().orderedDict().str("w").floats("0", 4).op('s').stop();
        Path shortStorage = TorchFiles.zip(tmp.resolve("short.pt"), "short", pkl,
                Map.of("0", TorchFiles.floatBytes(1, 2, 3)));
        assertOneLineAbout(shortStorage, refused(shortStorage), "storage short/data/0 has 12 bytes, expected 16");
        Path missing = TorchFiles.zip(tmp.resolve("missing.pt"), "missing", pkl, Map.of());
        assertOneLineAbout(missing, refused(missing), "storage missing/data/0 is missing");

        byte[] outside = new TorchFiles.Pickle().orderedDict().str("w")
                .tensor("FloatStorage", "0", "cpu", 4, 2, new long[] {3}, new long[] {1}).op('s').stop();
        Path overrun = TorchFiles.zip(tmp.resolve("overrun.pt"), "o", outside,
                Map.of("0", TorchFiles.floatBytes(1, 2, 3, 4)));
        assertOneLineAbout(overrun, refused(overrun), "does not fit in storage 0");

        byte[] textInt = new TorchFiles.Pickle().op('I', '1', '\n', '.').stop();
        Path text = TorchFiles.zip(tmp.resolve("text.pt"), "t", textInt, Map.of());
        assertOneLineAbout(text, refused(text), "unsupported pickle opcode 0x49");

        byte[] cutPickle = Arrays.copyOf(pkl, pkl.length - 5);
        Path cut = TorchFiles.zip(tmp.resolve("cut.pt"), "cut", cutPickle, Map.of("0", TorchFiles.floatBytes(1, 2, 3, 4)));
        assertOneLineAbout(cut, refused(cut), "corrupt pickle");
    }

    @Test
    void truncatedReferenceFilesGiveOneLineErrors() throws IOException {
        Path zip = SharedData.require("reference/msdi2e-small/hinet_wf8.pt");
        byte[] all = Files.readAllBytes(zip);
        Path half = Files.write(tmp.resolve("half.pt"), Arrays.copyOf(all, all.length / 2));
        assertOneLineAbout(half, refused(half), "corrupt checkpoint: not a readable zip");

        Path legacy = SharedData.require("reference/metrics/lpips/official_weights/v0.1_alex.pth");
        byte[] old = Files.readAllBytes(legacy);
        Path cutData = Files.write(tmp.resolve("cut_data.pth"), Arrays.copyOf(old, old.length - 100));
        assertOneLineAbout(cutData, refused(cutData), "is truncated");
        Path cutPickle = Files.write(tmp.resolve("cut_pickle.pth"), Arrays.copyOf(old, 400));
        assertOneLineAbout(cutPickle, refused(cutPickle), "corrupt pickle: truncated");
    }

    @Test
    void nonStateDictContentIsNamed() throws IOException {
        byte[] pkl = new TorchFiles.Pickle().op('}').str("epoch").integer(3).op('s').stop();
        Path file = TorchFiles.zip(tmp.resolve("epoch.pt"), "e", pkl, Map.of());
        assertOneLineAbout(file, refused(file), "no state dict found: top-level keys [epoch]");
    }

    @Test
    void genericPickleOpcodesOfProtocol4() {
        // Python 3.11: pickle.dumps({"a": [1, -2, 3.5, None, True, False, "é", b"xy", (1, 2), 2**40, -2**63,
        //   2**70, -1.25e-3], "b": ("x",), "c": {}, "p": l, "q": l, "od": OrderedDict([("k", 1), ("j", (2, 3, 4))])},
        //   protocol=4) with l = [1]
        byte[] b = hex("800495af000000000000007d94288c0161945d94284b014afeffffff47400c0000000000004e88898c02c3a99443"
                + "027879944b014b0286948a060000000000018a0800000000000000808a0900000000000000004047bf547ae147ae14"
                + "7b658c0162948c01789485948c0163947d948c0170945d944b01618c017194680c8c026f64948c0b636f6c6c656374"
                + "696f6e73948c0b4f72646572656444696374949394295294288c016b944b018c016a944b024b034b04879475752e");
        Map<String, Unpickler.Global> allowed = Map.of("collections.OrderedDict", new Unpickler.Global(
                "collections.OrderedDict", args -> new LinkedHashMap<>()));
        Map<?, ?> m = (Map<?, ?>) new Unpickler(tmp, allowed, null).load(java.nio.ByteBuffer.wrap(b));
        List<?> a = (List<?>) m.get("a");
        assertEquals(1L, a.get(0));
        assertEquals(-2L, a.get(1));
        assertEquals(3.5, a.get(2));
        assertEquals(null, a.get(3));
        assertEquals(Boolean.TRUE, a.get(4));
        assertEquals(Boolean.FALSE, a.get(5));
        assertEquals("é", a.get(6));
        assertArrayEquals("xy".getBytes(StandardCharsets.US_ASCII), (byte[]) a.get(7));
        assertEquals(List.of(1L, 2L), a.get(8));
        assertEquals(1L << 40, a.get(9));
        assertEquals(Long.MIN_VALUE, a.get(10));
        assertEquals(java.math.BigInteger.TWO.pow(70), a.get(11));
        assertEquals(-1.25e-3, a.get(12));
        assertEquals(List.of("x"), m.get("b"));
        assertEquals(Map.of(), m.get("c"));
        assertTrue(m.get("p") == m.get("q"), "memo keeps identity");
        assertEquals(Map.of("k", 1L, "j", List.of(2L, 3L, 4L)), m.get("od"));
    }

    static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
