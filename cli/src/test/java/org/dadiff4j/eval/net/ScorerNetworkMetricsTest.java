package org.dadiff4j.eval.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.dadiff4j.eval.MetricColumn;
import org.dadiff4j.eval.Metrics;
import org.dadiff4j.eval.ResultTable;
import org.dadiff4j.eval.Scorer;
import org.dadiff4j.eval.TestSet;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;
import org.dadiff4j.image.Tensors;
import org.dadiff4j.testutil.SharedData;
import org.dadiff4j.weights.PytorchCheckpoint;
import org.dadiff4j.weights.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scorer with a weights folder that holds LPIPS (alex) only: the formula AlexNet stands in for
 * the torchvision file under its published name, next to the official v0.1 heads.
 */
class ScorerNetworkMetricsTest {

    @TempDir Path dir;

    private static Picture noise(int side, long seed, int shift) {
        Random r = new Random(seed);
        float[][] p = new float[3][side * side];
        for (float[] plane : p) {
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (5 + r.nextInt(241) + shift) / 255f;
            }
        }
        return Picture.of(side, side, p, null, 8);
    }

    @Test
    void lpipsAlexIsScoredWhenItsFilesAreThereAndTheOthersAreNoted() throws Exception {
        Path heads = SharedData.require(FormulaBackbones.ROOT + "lpips/official_weights/v0.1_alex.pth");
        Path weights = Files.createDirectories(dir.resolve("weights"));
        Safetensors.write(weights.resolve("alexnet-owt-7be5be79.pth"), FormulaBackbones.alexnet(), null, DataType.FLOAT32);
        Files.copy(heads, weights.resolve("lpips_v0.1_alex.pth"));
        Path hr = Files.createDirectories(dir.resolve("HR"));
        Path sr = Files.createDirectories(dir.resolve("SR"));
        ImageFiles.write(noise(64, 1, 0), hr.resolve("a.png"));
        ImageFiles.write(noise(64, 1, 0), sr.resolve("a.png"));
        ImageFiles.write(noise(64, 2, 0), hr.resolve("b.png"));
        ImageFiles.write(noise(64, 2, 5), sr.resolve("b.png"));
        try (Scorer scorer = new Scorer(Metrics.Options.RGB, new MetricWeights(weights))) {
            assertEquals(List.of(MetricColumn.PSNR, MetricColumn.SSIM, MetricColumn.NIQE, MetricColumn.GRAIN, MetricColumn.LPIPS_ALEX), scorer.columns());
            assertEquals(3, scorer.notes().size(), scorer.notes().toString());
            assertTrue(scorer.notes().get(0).startsWith("LPIPS (vgg) skipped"), scorer.notes().get(0));
            ResultTable table = new ResultTable(scorer.columns());
            scorer.scoreSet("sr", TestSet.match(hr, sr), table);
            assertEquals(0.0, table.rows().get(0).values().get(MetricColumn.LPIPS_ALEX), 0, "identical images");
            double expected;
            try (NDManager m = NDManager.newBaseManager();
                    Lpips lpips = Lpips.of(Lpips.Net.ALEX, FormulaBackbones.alexnet(), PytorchCheckpoint.read(heads))) {
                expected = lpips.distance(Tensors.toNchwRgb(m, ImageFiles.read(sr.resolve("b.png"))),
                        Tensors.toNchwRgb(m, ImageFiles.read(hr.resolve("b.png")))).getFloat(0);
            }
            assertTrue(expected > 0);
            assertEquals(expected, table.rows().get(1).values().get(MetricColumn.LPIPS_ALEX), 0);
        }
    }
}
