package org.dadiff4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dadiff4j.DadiffException;
import org.dadiff4j.api.Settings;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;
import org.dadiff4j.pipeline.ModelFiles;
import org.dadiff4j.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation runner on tiny synthetic test sets. */
class EvalRunnerTest {

    @TempDir Path dir;

    private EvalRunner runner(Path hr, Path out, String methods, long seed, int limit) {
        return EvalRunner.builder()
                .setTestSet(TestSet.match(hr, hr.resolveSibling("LR").resolve("x4")).limit(limit))
                .setOutputDir(out)
                .setVariants(MethodVariant.parseList(methods))
                .setScorer(new Scorer(Metrics.Options.RGB, null))
                .optSeed(seed)
                .build();
    }

    @Test
    void bicubicRunWritesOutputsAndTablesAndResumes() throws Exception {
        Path hr = EvalFixtures.bicubicExactSet(dir.resolve("set"), 3, 8);
        Path out = dir.resolve("run");
        EvalRunner.Result r = runner(hr, out, "bicubic", 0, 0).run();
        assertEquals(3, r.written);
        assertEquals(0, r.reused);
        for (String n : List.of("img0", "img1", "img2")) {
            Picture sr = ImageFiles.read(out.resolve("bicubic").resolve(n + ".png"));
            assertEquals(ImageFiles.read(hr.resolve(n + ".png")), sr, "HR is the bicubic upscale of LR");
        }
        List<ResultTable.Summary> table = ResultTable.readSummary(out.resolve("table.csv"));
        assertEquals(1, table.size());
        assertEquals("bicubic", table.get(0).method());
        assertEquals(3, table.get(0).images());
        assertEquals(Double.POSITIVE_INFINITY, table.get(0).get(MetricColumn.PSNR));
        assertEquals(1.0, table.get(0).get(MetricColumn.SSIM), 1e-12);
        assertEquals(3, ResultTable.readPerImage(out.resolve("per_image.csv")).size());
        String md = Files.readString(out.resolve("table.md"));
        assertTrue(md.contains("| bicubic | inf | 1.0000 | – |"), md);
        assertTrue(md.contains("NIQE skipped for images smaller than 96x96"), md);
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"bicubic\""));

        long before = Files.getLastModifiedTime(out.resolve("bicubic/img1.png")).toMillis();
        Files.delete(out.resolve("bicubic/img2.png"));
        Thread.sleep(20);
        EvalRunner.Result again = runner(hr, out, "bicubic", 0, 0).run();
        assertEquals(1, again.written, "only the missing output is made again");
        assertEquals(2, again.reused);
        assertEquals(before, Files.getLastModifiedTime(out.resolve("bicubic/img1.png")).toMillis());
        assertEquals(table, ResultTable.readSummary(out.resolve("table.csv")));
    }

    @Test
    void limitTakesTheFirstImagesAndOtherSettingsAreRefused() throws Exception {
        Path hr = EvalFixtures.bicubicExactSet(dir.resolve("set"), 3, 8);
        Path out = dir.resolve("run");
        assertEquals(2, runner(hr, out, "bicubic", 0, 2).run().written);
        assertTrue(Files.exists(out.resolve("bicubic/img1.png")) && !Files.exists(out.resolve("bicubic/img2.png")));
        DadiffException e = assertThrows(DadiffException.class, () -> runner(hr, out, "bicubic", 5, 0).run());
        assertTrue(e.getMessage().startsWith(out.resolve("bicubic") + ": holds outputs made with other settings"), e.getMessage());
    }

    @Test
    void theLastPointOfARestorationCurveIsTheOutput() throws Exception {
        Path model = SharedData.require("reference/adm-small/model.pt");
        Path config = SharedData.require("reference/adm-small/config.json");
        Path hr = EvalFixtures.bicubicExactSet(dir.resolve("set"), 2, 16);
        Path out = dir.resolve("run");
        // Every step runs (strength 1), one trajectory point each.
        Settings s = Settings.builder().optSteps(3).optStrength(1).build();
        EvalRunner.Builder b = EvalRunner.builder()
                .setTestSet(TestSet.match(hr, hr.resolveSibling("LR").resolve("x4")))
                .setOutputDir(out)
                .setVariants(MethodVariant.parseList("bicubic,ddnm@eta=0.3"))
                .setScorer(new Scorer(Metrics.Options.RGB, null))
                .optSettings(s)
                .optModels(new ModelFiles(model, config, null, null))
                .optTrajectory(1);
        assertEquals(4, b.build().run().written);
        EvalRunner.Result again = b.build().run();
        assertEquals(0, again.written, "float settings read back from settings.json match");
        assertEquals(4, again.reused);
        List<Trajectory.Point> curve = Trajectory.read(out.resolve("trajectory.csv"));
        assertEquals(3, curve.size(), "one point per step, first image only, diffusion methods only");
        assertEquals(List.of(1, 2, 3), curve.stream().map(Trajectory.Point::step).toList());
        assertEquals(List.of(666, 333, 0), curve.stream().map(Trajectory.Point::t).toList());
        ResultTable.Row first = ResultTable.readPerImage(out.resolve("per_image.csv")).stream()
                .filter(row -> row.method().equals("ddnm@eta=0.3") && row.image().equals("img0.png")).findFirst().orElseThrow();
        assertEquals(first.values().get(MetricColumn.PSNR), curve.get(2).psnr(), 1e-9);
    }
}
