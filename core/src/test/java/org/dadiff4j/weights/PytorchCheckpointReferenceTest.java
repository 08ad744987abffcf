package org.dadiff4j.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.dadiff4j.testutil.SharedData;
import org.junit.jupiter.api.Test;

/** The reference checkpoints written by PyTorch 1.13: layouts from the manifests, values from their recipes. */
class PytorchCheckpointReferenceTest {

    /** Every key, shape, dtype and numel of the manifest, in order. */
    private static void assertMatchesManifest(StateDict sd, Path manifest) throws IOException {
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(manifest)) {
            if (!line.startsWith("#") && !line.isBlank()) {
                expected.add(line.strip());
            }
        }
        List<String> actual = new ArrayList<>();
        for (Map.Entry<String, TensorData> e : sd.asMap().entrySet()) {
            TensorData t = e.getValue();
            String shape = Arrays.toString(t.shape());
            String dtype = t.dtype() == DataType.FLOAT32 ? "float32" : t.dtype() == DataType.INT64 ? "int64" : "?";
            actual.add(e.getKey() + "\t" + shape + "\t" + dtype + "\t" + t.numel());
        }
        assertEquals(expected, actual);
    }

    @Test
    void admSmallPlainStateDictMatchesManifest() throws IOException {
        Path dir = SharedData.require("reference/adm-small");
        StateDict sd = PytorchCheckpoint.read(dir.resolve("model.pt"));
        assertMatchesManifest(sd, dir.resolve("manifest.txt"));
        assertEquals(274, sd.size());
        assertEquals(4_474_662L, sd.numel());
    }

    @Test
    void hinetParamsWrapperMatchesManifestAndTrainedState() throws IOException {
        Path dir = SharedData.require("reference/msdi2e-small");
        StateDict sd = PytorchCheckpoint.read(dir.resolve("hinet_wf8.pt"));
        assertMatchesManifest(sd, dir.resolve("manifest.txt"));
        int tracked = 0;
        int vectors = 0;
        for (Map.Entry<String, TensorData> e : sd.asMap().entrySet()) {
            if (e.getKey().endsWith("num_batches_tracked")) {
                // 15 train-mode forwards were run, but SynchronizedBatchNorm2d calls F.batch_norm
                // itself and never counts batches: the file holds int64 0 (checked with Python).
                assertEquals(DataType.INT64, e.getValue().dtype());
                assertArrayEquals(new long[] {0}, e.getValue().toLongs(), e.getKey());
                tracked++;
            }
            if (e.getKey().endsWith("running_mean")) {
                // ...while the running statistics did move away from their initial zeros
                float max = 0;
                for (float v : e.getValue().toFloats()) {
                    max = Math.max(max, Math.abs(v));
                }
                assertTrue(max > 1e-3, e.getKey() + " max |v| " + max);
            }
            if (e.getKey().endsWith("weight_u")) {
                double norm = 0;
                for (float v : e.getValue().toFloats()) {
                    norm += (double) v * v;
                }
                assertEquals(1.0, Math.sqrt(norm), 1e-5, e.getKey());
                vectors++;
            }
        }
        assertEquals(4, tracked);
        assertEquals(4, vectors);
    }

    @Test
    void legacyLpipsHeadsEqualZipCopiesAndNpy() {
        Path dir = SharedData.require("reference/metrics/lpips/official_weights");
        for (String net : List.of("alex", "vgg")) {
            StateDict legacy = PytorchCheckpoint.read(dir.resolve("v0.1_" + net + ".pth"));
            StateDict zip = PytorchCheckpoint.read(dir.resolve("v0.1_" + net + "_zip.pt"));
            assertEquals(List.of("lin0.model.1.weight", "lin1.model.1.weight", "lin2.model.1.weight",
                    "lin3.model.1.weight", "lin4.model.1.weight"), List.copyOf(legacy.keys()));
            assertEquals(List.copyOf(zip.keys()), List.copyOf(legacy.keys()));
            for (int k = 0; k < 5; k++) {
                String key = "lin" + k + ".model.1.weight";
                Npy.Array npy = Npy.read(dir.resolve("v0.1_" + net + "_lin" + k + ".npy"));
                assertArrayEquals(npy.shape, legacy.get(key).shape());
                assertArrayEquals(npy.toFloats(), legacy.get(key).toFloats(), 0f, net + " " + key);
                assertArrayEquals(npy.toFloats(), zip.get(key).toFloats(), 0f, net + " " + key);
            }
        }
    }

    @Test
    void legacyDistsPlainDictEqualsZipCopyAndNpy() {
        Path dir = SharedData.require("reference/metrics/dists/official_weights");
        StateDict legacy = PytorchCheckpoint.read(dir.resolve("weights.pt"));
        StateDict zip = PytorchCheckpoint.read(dir.resolve("weights_zip.pt"));
        assertEquals(List.of("alpha", "beta"), List.copyOf(legacy.keys()));
        for (String key : List.of("alpha", "beta")) {
            Npy.Array npy = Npy.read(dir.resolve(key + ".npy"));
            assertArrayEquals(new long[] {1, 1475, 1, 1}, legacy.get(key).shape());
            assertArrayEquals(npy.toFloats(), legacy.get(key).toFloats(), 0f, key);
            assertArrayEquals(npy.toFloats(), zip.get(key).toFloats(), 0f, key);
        }
        // README: sum(alpha) ~ 0.876 and sum(beta) ~ 0.124 before normalisation
        double alpha = 0;
        for (float v : legacy.get("alpha").toFloats()) {
            alpha += v;
        }
        assertTrue(Math.abs(alpha - 0.876) < 0.001, "sum alpha " + alpha);
    }
}
