package org.dadiff4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.dadiff4j.image.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report: self-contained, one SVG per chart, crops as PNG data URIs. */
class ReportTest {

    @TempDir Path dir;

    private Path bicubicRun() throws Exception {
        Path hr = EvalFixtures.bicubicExactSet(dir.resolve("set"), 3, 8);
        Path out = dir.resolve("run");
        EvalRunner.builder()
                .setTestSet(TestSet.match(hr, hr.resolveSibling("LR").resolve("x4")).limit(2))
                .setOutputDir(out)
                .setVariants(MethodVariant.parseList("bicubic"))
                .setScorer(new Scorer(Metrics.Options.RGB, null))
                .build().run();
        return out;
    }

    private static List<BufferedImage> dataImages(String html) throws Exception {
        List<BufferedImage> out = new ArrayList<>();
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        while (m.find()) {
            out.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
        }
        return out;
    }

    @Test
    void aBicubicRunHasTwoBarChartsAndEmbeddedCrops() throws Exception {
        Path run = bicubicRun();
        Report.write(run, run.resolve("report.html"), 5);
        String html = java.nio.file.Files.readString(run.resolve("report.html"));
        assertEquals(2, count(html, "<svg"), "PSNR and NIQE bars");
        assertFalse(html.contains("http:") || html.contains("https:") || html.contains("file:"), "no external references");
        List<BufferedImage> imgs = dataImages(html);
        // Two scored images (the run used a limit of 2), each: HR overview, LR, bicubic, HR crop.
        assertEquals(8, imgs.size());
        assertEquals(count(html, "<img "), imgs.size(), "every image is a data URI");
        assertEquals(8, imgs.get(1).getWidth(), "the LR crop at LR resolution (32 HR px / 4)");
        assertEquals(32, imgs.get(2).getWidth());
        int[] bicubic = imgs.get(2).getRGB(0, 0, 32, 32, null, 0, 32);
        int[] hrCrop = imgs.get(3).getRGB(0, 0, 32, 32, null, 0, 32);
        assertTrue(java.util.Arrays.equals(bicubic, hrCrop), "bicubic restores these HR images exactly");
        int[] hr = Pixels.rgb(ImageFiles.read(dir.resolve("set/HR/img0.png")));
        assertEquals((hr[0] << 16) | (hr[1] << 8) | hr[2], hrCrop[0] & 0xffffff, "the crop of a 32 px image is all of it");
    }

    @Test
    void alphaVariantsAndTrajectoriesAddOneChartEach() throws Exception {
        Path run = bicubicRun();
        ResultTable t = new ResultTable(List.of(MetricColumn.PSNR, MetricColumn.SSIM, MetricColumn.NIQE));
        for (String m : List.of("bicubic", "dadiff@alpha=0.1", "dadiff@alpha=0.3", "dadiff@perturb=false@alpha=0.1", "ddnm")) {
            t.add(m, "img0.png", Map.of(MetricColumn.PSNR, 20.0 + m.length() / 10.0, MetricColumn.SSIM, 0.5, MetricColumn.NIQE, 5.0));
            t.summarise(m, Map.of());
        }
        t.writeSummary(run.resolve("table.csv"));
        Trajectory.write(run.resolve("trajectory.csv"), List.of(
                new Trajectory.Point("ddnm", "img0.png", 1, 500, 12.0),
                new Trajectory.Point("ddnm", "img0.png", 2, 0, 18.5)));
        String html = Report.render(run, 1);
        assertEquals(4, count(html, "<svg"), html);
        assertTrue(html.contains("PSNR against alpha"));
        assertTrue(html.contains(">dadiff</text>"), "the alpha sweep of plain dadiff is one line");
        assertFalse(html.contains(">dadiff@perturb=false</text>"), "a single alpha value draws no line");
        assertTrue(html.contains("ddnm (mean of 1 image)"));
        assertEquals(4, dataImages(html).size(), "one example image");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
