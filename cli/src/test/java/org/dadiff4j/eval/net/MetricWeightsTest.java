package org.dadiff4j.eval.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.eval.net.MetricWeights.File;
import org.dadiff4j.eval.net.MetricWeights.Metric;
import org.dadiff4j.testutil.SharedData;
import org.dadiff4j.weights.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricWeightsTest {

    @TempDir
    Path dir;

    @Test
    void emptyFolderNamesEveryMissingFile() {
        MetricWeights w = new MetricWeights(dir);
        for (Metric m : Metric.values()) {
            assertFalse(w.available(m), m.label());
            assertEquals(m.files(), w.missing(m));
        }
        String note = w.note(Metric.LPIPS_ALEX);
        assertTrue(note.startsWith("LPIPS (alex) skipped: " + dir + " lacks "), note);
        assertTrue(note.contains("alexnet-owt-7be5be79.pth") && note.contains("v0.1_alex.pth"), note);
        DadiffException e = assertThrows(DadiffException.class, w::fidInception);
        assertEquals(w.note(Metric.FID), e.getMessage());
    }

    @Test
    void findsFilesByAnyAcceptedNameAndBuildsTheMetric() throws IOException {
        Path heads = SharedData.require(FormulaBackbones.ROOT + "lpips/official_weights/v0.1_alex.pth");
        Files.copy(heads, dir.resolve("v0.1_alex.pth"));
        MetricWeights w = new MetricWeights(dir);
        assertEquals(List.of(File.ALEXNET), w.missing(Metric.LPIPS_ALEX));
        assertTrue(w.note(Metric.LPIPS_ALEX).contains("alexnet-owt-7be5be79.pth"));
        assertFalse(w.note(Metric.LPIPS_ALEX).contains("v0.1_alex.pth"));

        // Backbone files are read by content, so a safetensors copy under the published name works too.
        Safetensors.write(dir.resolve("alexnet-owt-7be5be79.pth"), FormulaBackbones.alexnet(), Map.of(),
                DataType.FLOAT32);
        assertTrue(w.available(Metric.LPIPS_ALEX));
        assertEquals("", w.note(Metric.LPIPS_ALEX));
        double want = RefData.json("lpips/lpips_results.json").getAsJsonObject("cases")
                .getAsJsonObject("alex").getAsJsonObject("pair1").get("lpips").getAsDouble();
        try (NDManager m = NDManager.newBaseManager(); Lpips lpips = w.lpips(Lpips.Net.ALEX)) {
            NDArray x0 = RefData.image(m, "lpips/inputs/pair1_in0_u8.npy");
            NDArray x1 = RefData.image(m, "lpips/inputs/pair1_in1_u8.npy");
            assertEquals(want, lpips.distance(x0, x1).getFloat(0), 1e-5);
        }
    }
}
