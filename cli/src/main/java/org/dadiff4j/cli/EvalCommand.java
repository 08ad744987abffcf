package org.dadiff4j.cli;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dadiff4j.DadiffException;
import org.dadiff4j.api.Settings;
import org.dadiff4j.eval.CompareSheet;
import org.dadiff4j.eval.EvalRunner;
import org.dadiff4j.eval.MethodVariant;
import org.dadiff4j.eval.Metrics;
import org.dadiff4j.eval.Report;
import org.dadiff4j.eval.ResultTable;
import org.dadiff4j.eval.Scorer;
import org.dadiff4j.eval.TestSet;
import org.dadiff4j.eval.net.MetricWeights;
import org.dadiff4j.pipeline.Defaults;
import org.dadiff4j.pipeline.Method;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dadiff eval}: score restored images, run methods on a test set, and report. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Compute PSNR, SSIM, NIQE and more; run methods on a test set; make an HTML report.",
        subcommands = {EvalCommand.Score.class, EvalCommand.Run.class, EvalCommand.CompareCommand.class, EvalCommand.AdaptCommand.class,
            EvalCommand.ReportCommand.class})
final class EvalCommand implements Runnable {

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: score, run or report");
    }

    /** The metric options shared by {@code score} and {@code run}. */
    static final class MetricOptions {
        @Option(names = "--crop-border", paramLabel = "N", description = "Pixels removed from each side before PSNR/SSIM (default: 0).")
        int cropBorder;

        @Option(names = "--y", description = "PSNR/SSIM on the Y channel (BT.601) instead of RGB.")
        boolean yChannel;

        @Option(names = "--weights", paramLabel = "DIR", description = {"Folder with the official weight files of LPIPS, DISTS",
            "and FID (alexnet-owt-7be5be79.pth, vgg16-397923af.pth, lpips_v0.1_alex.pth, lpips_v0.1_vgg.pth,",
            "dists_weights.pt, pt_inception-2015-12-05-6726825d.pth); without it those metrics are skipped."})
        Path weights;

        Scorer scorer() {
            if (cropBorder < 0) {
                throw new DadiffException("--crop-border must be >= 0, got " + cropBorder);
            }
            if (weights != null && !java.nio.file.Files.isDirectory(weights)) {
                throw DadiffException.of(weights, "no such folder (--weights)");
            }
            return new Scorer(new Metrics.Options(cropBorder, yChannel), weights == null ? null : new MetricWeights(weights));
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Score restored images against HR images of the same names; writes per_image.csv, table.csv and table.md.")
    static final class Score implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;

        @Option(names = "--hr", required = true, paramLabel = "DIR", description = "Ground-truth images.")
        Path hr;

        @Option(names = "--sr", required = true, paramLabel = "DIR",
                description = "Restored images: NAME.png, or NAME_x4.png as dadiff upscale writes them.")
        Path sr;

        @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where the CSV and Markdown files go (default: the --sr folder).")
        Path out;

        @Mixin MetricOptions metrics;

        @Override
        public Integer call() {
            TestSet set = TestSet.match(hr, sr);
            Path dir = out != null ? out : sr;
            try {
                java.nio.file.Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw DadiffException.of(dir, "cannot create the folder: " + org.dadiff4j.Problems.describe(e), e);
            }
            PrintWriter err = spec.commandLine().getErr();
            if (!set.unmatched().isEmpty()) {
                err.printf(Locale.ROOT, "dadiff: note: %d HR image(s) have no restored image in %s (first: %s)%n",
                        set.unmatched().size(), sr, set.unmatched().get(0));
            }
            try (Scorer scorer = metrics.scorer()) {
                ResultTable table = new ResultTable(scorer.columns());
                String label = sr.toAbsolutePath().normalize().getFileName().toString();
                scorer.scoreSet(label, set, table);
                table.writePerImage(dir.resolve("per_image.csv"));
                table.writeSummary(dir.resolve("table.csv"));
                String caption = set.pairs().size() + " images of " + hr + ". " + scorer.describe() + ".";
                table.writeMarkdown(dir.resolve("table.md"), caption);
                scorer.notes().forEach(n -> err.println("dadiff: note: " + n));
                err.flush();
                PrintWriter o = spec.commandLine().getOut();
                o.print(table.markdown());
                o.println("Per-image scores in " + dir.resolve("per_image.csv"));
                o.flush();
            }
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Run methods on a test set (HR/NAME.png, LR/x4/NAME.png), score them, and write the paper's table.",
                "Outputs go to OUT/<method>/NAME.png and are reused when the run is repeated."})
    static final class Run implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;

        @Option(names = "--methods", defaultValue = "bicubic,restore,ddnm,dadiff", paramLabel = "LIST", description = {
            "Comma-separated methods (default: ${DEFAULT-VALUE}); variants as method@key=value,",
            "e.g. dadiff@alpha=0.1, dadiff@perturb=false; value lists expand: dadiff@alpha=0.1/0.3/0.5/1.0.",
            "Keys: alpha, perturb, reread, steps, strength, eta, sigma_y, ensemble."})
        String methods;

        @Option(names = "--hr", required = true, paramLabel = "DIR", description = "Ground-truth images.")
        Path hr;

        @Option(names = "--lr", paramLabel = "DIR", description = "Low-resolution inputs of the same names (default: HR/../LR/x<scale>).")
        Path lr;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output folder of the run.")
        Path out;

        @Option(names = "--scale", description = "Upscaling factor (default: " + Defaults.SCALE + ").")
        int scale = Defaults.SCALE;

        @Mixin ModelOptions models;

        @Option(names = "--steps", description = "Sampling steps (default: " + Defaults.STEPS + ").")
        int steps = Defaults.STEPS;

        @Mixin StrengthOption strength = new StrengthOption();

        @Option(names = "--eta", description = "DDIM eta (default: " + Defaults.ETA + ").")
        float eta = Defaults.ETA;

        @Option(names = "--alpha", description = "Guidance scalar of dadiff (default: " + Defaults.ANCHORED_ALPHA
                + " below strength 1, else " + Defaults.ALPHA + ").")
        Float alpha;

        @Option(names = "--seed", description = "Seed of every image, the same for every method (default: " + Defaults.SEED + ").")
        long seed = Defaults.SEED;

        @Option(names = "--official", description = "Reproduce the official sampler's arithmetic (see dadiff upscale --help).")
        boolean official;

        @Mixin
        TileOptions tiles = new TileOptions();

        @Option(names = "--limit", paramLabel = "N", description = "Only the first N images (by name).")
        int limit;

        @Option(names = "--trajectory", paramLabel = "N",
                description = "Record the PSNR of the x0 estimate at every step for the first N images (trajectory.csv).")
        int trajectory;

        @Mixin MetricOptions metrics;

        @Override
        public Integer call() {
            List<MethodVariant> variants = MethodVariant.parseList(methods);
            Settings base = settings();
            Path lrDir = lr != null ? lr : hr.toAbsolutePath().normalize().resolveSibling("LR").resolve("x" + scale);
            TestSet set = TestSet.match(hr, lrDir);
            PrintWriter err = spec.commandLine().getErr();
            if (!set.unmatched().isEmpty()) {
                err.printf(Locale.ROOT, "dadiff: note: %d HR image(s) have no LR image in %s and are left out (first: %s)%n",
                        set.unmatched().size(), lrDir, set.unmatched().get(0));
            }
            set = set.limit(limit);
            ProgressBars bars = new ProgressBars(new java.io.PrintWriter(System.err, true), ProgressBars.stderrIsTerminal());
            try (Scorer scorer = metrics.scorer()) {
                EvalRunner runner = EvalRunner.builder()
                        .setTestSet(set)
                        .setOutputDir(out)
                        .setVariants(variants)
                        .setScorer(scorer)
                        .optSettings(base)
                        .optModels(models.files())
                        .optSeed(seed)
                        .optTrajectory(trajectory)
                        .optProgress(bars)
                        .optLog(m -> {
                            bars.close();
                            err.println("dadiff: " + m);
                            err.flush();
                        })
                        .build();
                EvalRunner.Result r = runner.run();
                bars.close();
                scorer.notes().forEach(n -> err.println("dadiff: note: " + n));
                err.printf(Locale.ROOT, "dadiff: %d output(s) made, %d reused; tables in %s%n", r.written, r.reused, out);
                err.flush();
                PrintWriter o = spec.commandLine().getOut();
                o.print(r.table.markdown());
                o.flush();
            }
            return 0;
        }

        private Settings settings() {
            if (limit < 0 || trajectory < 0) {
                throw new DadiffException("--limit and --trajectory must be >= 0");
            }
            Settings.Builder s = Settings.builder()
                    .optScale(scale)
                    .optSteps(steps)
                    .optStrength(strength.value(official))
                    .optEta(eta)
                    .optOfficial(official);
            if (alpha != null) {
                s.optAlpha(alpha);
            }
            tiles.applyTo(s);
            return s.build();
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Write a side-by-side PNG of eval runs: per image LR (nearest), the methods, HR.",
                "docs/compare.png is made with: dadiff eval compare --run RUN_HEAVY --run RUN_CLEAN --images 3 "
                        + "--methods bicubic,restore,dadiff -o docs/compare.png"})
    static final class CompareCommand implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;

        @Option(names = "--run", required = true, paramLabel = "DIR",
                description = "Output folder of dadiff eval run; repeatable (rows of each run in turn).")
        List<Path> runs;

        @Option(names = "--images", paramLabel = "N", description = "First N images of each run (default: 3).")
        int images = 3;

        @Option(names = "--methods", split = ",", paramLabel = "LIST",
                description = "Columns between LR and HR, as named in the runs (default: bicubic,restore,dadiff).")
        List<String> methods = List.of("bicubic", "restore", "dadiff");

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The PNG file.")
        Path out;

        @Override
        public Integer call() {
            if (images < 1) {
                throw new DadiffException("--images must be at least 1, got " + images);
            }
            CompareSheet.write(CompareSheet.firstOf(runs, images), methods, out);
            spec.commandLine().getErr().println("dadiff: comparison written to " + out);
            spec.commandLine().getErr().flush();
            return 0;
        }
    }

    @Command(name = "adapt", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Does E make Gr adapt? Restores a clean and a noisy LR version of each HR crop, each with "
                    + "E's reading of the clean and of the noisy input, and prints PSNR and detail of the four."})
    static final class AdaptCommand implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;

        @Option(names = "--hr", required = true, paramLabel = "DIR", description = "HR crops (e.g. data/valset/HR).")
        Path hr;

        @Option(names = "--degradation", paramLabel = "FILE",
                description = "Degradation-aware model (default: the embedded one of the scale).")
        Path degradation;

        @Option(names = "--scale", description = "Upscaling factor (default: 4).")
        int scale = 4;

        @Option(names = "--sigma", description = "Noise of the noisy input, in 8-bit levels (default: 15).")
        double sigma = 15;

        @Option(names = "--limit", paramLabel = "N", description = "At most N crops (default: 24).")
        int limit = 24;

        @Option(names = "--seed", description = "Seed of the degradations (default: 0).")
        long seed;

        @Override
        public Integer call() {
            List<Path> files = org.dadiff4j.data.Corpora.photosUnder(List.of(hr));
            if (files.isEmpty()) {
                throw DadiffException.of(hr, "no HR images");
            }
            try (NDManager m = NDManager.newBaseManager()) {
                // The same choice of file (given, else the embedded one of the scale) as restore makes.
                var dam = new org.dadiff4j.pipeline.ModelFiles(null, null, degradation, null)
                        .load(Method.RESTORE, scale, false, m, new LinkedHashMap<>()).degradation;
                var result = org.dadiff4j.eval.Adaptation.measure(dam, files.subList(0, Math.min(limit, files.size())),
                        scale, sigma, seed);
                spec.commandLine().getOut().print(result.table());
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Write one self-contained HTML page about an eval run: table, zoomed crops, charts.")
    static final class ReportCommand implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;

        @Option(names = "--run", required = true, paramLabel = "DIR", description = "Output folder of dadiff eval run.")
        Path run;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "The HTML file (default: RUN/report.html).")
        Path out;

        @Option(names = "--examples", paramLabel = "N", description = "Images shown as zoomed crops (default: 3).")
        int examples = 3;

        @Override
        public Integer call() {
            Path file = out != null ? out : run.resolve("report.html");
            Report.write(run, file, Math.max(0, examples));
            spec.commandLine().getErr().println("dadiff: report written to " + file);
            spec.commandLine().getErr().flush();
            return 0;
        }
    }
}
