package org.dadiff4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.eval.net.MetricWeights;
import org.dadiff4j.image.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring folders of restored images against HR: known answers, name matching, notes, tables. */
class ScorerTest {

    private static final int W = 100;
    private static final int H = 96;

    @TempDir Path dir;

    /** HR/a.png, HR/b.png; SR/a_x4.png identical to a, SR/b.png = b + 5 everywhere. */
    private TestSet set() throws Exception {
        Path hr = Files.createDirectories(dir.resolve("HR"));
        Path sr = Files.createDirectories(dir.resolve("SR"));
        int[] a = EvalFixtures.random(W * H * 3, 5, 250, 1);
        int[] b = EvalFixtures.random(W * H * 3, 5, 250, 2);
        ImageFiles.write(EvalFixtures.picture(a, W, H), hr.resolve("a.png"));
        ImageFiles.write(EvalFixtures.picture(b, W, H), hr.resolve("b.png"));
        ImageFiles.write(EvalFixtures.picture(EvalFixtures.random(W * H * 3, 0, 255, 3), W, H), hr.resolve("c.png"));
        ImageFiles.write(EvalFixtures.picture(a, W, H), sr.resolve("a_x4.png"));
        ImageFiles.write(EvalFixtures.picture(EvalFixtures.plus(b, 5), W, H), sr.resolve("b.png"));
        return TestSet.match(hr, sr);
    }

    @Test
    void knownAnswersOnSyntheticImages() throws Exception {
        TestSet set = set();
        assertEquals(List.of("a.png", "b.png"), set.pairs().stream().map(TestSet.Pair::name).toList());
        assertEquals(List.of("c.png"), set.unmatched());
        try (Scorer scorer = new Scorer(Metrics.Options.RGB, null)) {
            ResultTable table = new ResultTable(scorer.columns());
            ResultTable.Summary s = scorer.scoreSet("sr", set, table);
            Map<MetricColumn, Double> a = table.rows().get(0).values();
            Map<MetricColumn, Double> b = table.rows().get(1).values();
            assertEquals(Double.POSITIVE_INFINITY, a.get(MetricColumn.PSNR));
            assertEquals(1.0, a.get(MetricColumn.SSIM), 1e-12);
            // MSE 25: 20·log10(255/5) = 34.1514 dB.
            assertEquals(34.151403521958725, b.get(MetricColumn.PSNR), 1e-9);
            int[] shifted = Pixels.rgb(ImageFiles.read(dir.resolve("SR/b.png")));
            assertEquals(Niqe.compute(shifted, W, H), b.get(MetricColumn.NIQE), 0);
            assertEquals(Double.POSITIVE_INFINITY, s.get(MetricColumn.PSNR), "a mean with an identical image is inf");
            assertEquals((1.0 + b.get(MetricColumn.SSIM)) / 2, s.get(MetricColumn.SSIM), 1e-12);
            // b is a uniformly shifted a: no grain, as for a itself
            assertEquals(0, a.get(MetricColumn.GRAIN), 0);
            assertEquals(0, b.get(MetricColumn.GRAIN), 1e-12);
            assertEquals(List.of(MetricColumn.PSNR, MetricColumn.SSIM, MetricColumn.NIQE, MetricColumn.GRAIN),
                    table.columns());
            assertEquals(1, scorer.notes().size());
            assertTrue(scorer.notes().get(0).contains("LPIPS, DISTS and FID skipped"), scorer.notes().toString());
        }
    }

    @Test
    void cropAndLumaOptionsReachTheMetrics() throws Exception {
        TestSet set = set();
        Metrics.Options o = new Metrics.Options(4, true);
        try (Scorer scorer = new Scorer(o, null)) {
            ResultTable table = new ResultTable(scorer.columns());
            scorer.scoreSet("sr", set, table);
            int[] hr = Pixels.rgb(ImageFiles.read(dir.resolve("HR/b.png")));
            int[] sr = Pixels.rgb(ImageFiles.read(dir.resolve("SR/b.png")));
            assertEquals(Metrics.psnr(sr, hr, W, H, 3, o), table.rows().get(1).values().get(MetricColumn.PSNR), 0);
            assertEquals(Metrics.ssim(sr, hr, W, H, 3, o), table.rows().get(1).values().get(MetricColumn.SSIM), 0);
        }
    }

    @Test
    void tablesRoundTripAndMarkBestValues() throws Exception {
        try (Scorer scorer = new Scorer(Metrics.Options.RGB, null)) {
            ResultTable table = new ResultTable(scorer.columns());
            scorer.scoreSet("first", set(), table);
            table.add("second", "a.png", Map.of(MetricColumn.PSNR, 30.0, MetricColumn.SSIM, 0.5, MetricColumn.NIQE, 1.0,
                    MetricColumn.GRAIN, 2.0));
            table.summarise("second", Map.of());
            table.writeSummary(dir.resolve("table.csv"));
            table.writePerImage(dir.resolve("per_image.csv"));
            List<ResultTable.Summary> back = ResultTable.readSummary(dir.resolve("table.csv"));
            assertEquals(table.summaries(), back);
            assertEquals(table.rows(), ResultTable.readPerImage(dir.resolve("per_image.csv")));
            String md = table.markdown();
            assertTrue(md.contains("| first | **inf** |"), md);
            assertTrue(md.contains("| second | 30.00 | 0.5000 | **1.000** | 2.00 |"), md);
        }
    }

    @Test
    void aWeightsFolderWithoutFilesGivesOneNotePerMetric() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("weights"));
        try (Scorer scorer = new Scorer(Metrics.Options.RGB, new MetricWeights(empty))) {
            assertEquals(4, scorer.notes().size(), scorer.notes().toString());
            assertTrue(scorer.notes().get(0).startsWith("LPIPS (alex) skipped: " + empty + " lacks alexnet-owt-7be5be79.pth"),
                    scorer.notes().get(0));
            assertTrue(scorer.notes().get(3).startsWith("FID skipped"), scorer.notes().get(3));
            assertEquals(4, scorer.columns().size());
        }
    }

    @Test
    void sizeMismatchAndSmallImagesAreExplained() throws Exception {
        Path hr = Files.createDirectories(dir.resolve("H"));
        Path sr = Files.createDirectories(dir.resolve("S"));
        ImageFiles.write(EvalFixtures.picture(EvalFixtures.random(20 * 20 * 3, 0, 255, 1), 20, 20), hr.resolve("x.png"));
        ImageFiles.write(EvalFixtures.picture(EvalFixtures.random(20 * 20 * 3, 0, 255, 1), 20, 20), sr.resolve("x.png"));
        ImageFiles.write(EvalFixtures.picture(EvalFixtures.random(20 * 20 * 3, 0, 255, 1), 20, 20), hr.resolve("y.png"));
        ImageFiles.write(EvalFixtures.picture(EvalFixtures.random(24 * 20 * 3, 0, 255, 1), 24, 20), sr.resolve("y.png"));
        try (Scorer scorer = new Scorer(Metrics.Options.RGB, null)) {
            ResultTable table = new ResultTable(scorer.columns());
            DadiffException e = assertThrows(DadiffException.class, () -> scorer.scoreSet("s", TestSet.match(hr, sr), table));
            assertEquals(sr.resolve("y.png") + ": is 24x20 but its HR image is 20x20", e.getMessage());
            assertTrue(Double.isNaN(table.rows().get(0).values().get(MetricColumn.NIQE)));
            assertTrue(scorer.notes().contains("NIQE skipped for images smaller than 96x96"), scorer.notes().toString());
        }
        assertThrows(DadiffException.class, () -> TestSet.match(hr, dir.resolve("missing")));
    }
}
