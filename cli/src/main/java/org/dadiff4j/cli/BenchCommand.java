package org.dadiff4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dadiff4j.AtomicFile;
import org.dadiff4j.DadiffException;
import org.dadiff4j.bench.BenchSettings;
import org.dadiff4j.bench.BenchSettings.Section;
import org.dadiff4j.bench.Benchmarks;
import org.dadiff4j.bench.Networks;
import org.dadiff4j.bench.Proc;
import org.dadiff4j.bench.Report;
import org.dadiff4j.bench.Table;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.compact.CompactModel;
import org.dadiff4j.models.load.DegradationModels;
import org.dadiff4j.models.load.PriorConfigs;
import org.dadiff4j.models.load.Priors;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.pipeline.Defaults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dadiff bench}: Measure speed and memory of networks and the pipeline. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure speed and memory of networks and the pipeline on this machine.",
            "Without --prior the methods run a random-weight ADM of the small reference layout (64x64 tiles),",
            "so the bench needs no checkpoint and finishes in minutes."})
final class BenchCommand implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--repeat", paramLabel = "N", description = "Measurements per figure; the median is reported (default: 3).")
    int repeat = 3;

    @Option(names = "--sizes", split = ",", paramLabel = "N,N",
            description = "Output sides for the size scaling; the first is the methods' output (default: 256,512,1024).")
    List<Integer> sizes = new ArrayList<>(List.of(256, 512, 1024));

    @Option(names = "--steps", split = ",", paramLabel = "N,N",
            description = "Step counts of the methods table; the first is the steps at the largest size of the scaling, whose smaller sizes get proportionally more (default: 2,4).")
    List<Integer> steps = new ArrayList<>(List.of(2, 4));

    @Option(names = "--compare-threads", split = ",", paramLabel = "N,N",
            description = "Intra-op thread counts to compare (default: 1,2).")
    List<Integer> threads = new ArrayList<>(List.of(1, 2));

    @Option(names = "--sections", split = ",", paramLabel = "NAME",
            description = "Any of networks, methods, sizes, threads (default: these four), and defaults: the"
                    + " embedded models with the default settings, file to file, 64x64 and 256x256 inputs.")
    List<String> sections = new ArrayList<>(List.of("networks", "methods", "sizes", "threads"));

    @Option(names = "--no-large", description = "Skip the full-size networks (ADM 256x256 uncond, official-width MSDI2E).")
    boolean noLarge;

    @Option(names = "--prior", paramLabel = "FILE", description = "A prior checkpoint to use instead of random weights.")
    Path prior;

    @Option(names = "--prior-config", paramLabel = "JSON",
            description = "The prior's layout (guided-diffusion flags); without --prior it is built with random weights.")
    Path priorConfig;

    @Option(names = "--degradation", paramLabel = "FILE",
            description = "Degradation-aware model (default: the default compact layout with random weights).")
    Path degradation;

    @Option(names = "--official", description = "Run an MSDI2E --degradation as the official sampler does (train mode).")
    boolean official;

    @Option(names = "--scale", description = "Upscaling factor (default: " + Defaults.SCALE + ").")
    int scale = Defaults.SCALE;

    @Mixin
    TileOptions tiles = new TileOptions();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Markdown report (default: bench/results-DATE.md).")
    Path out;

    @Override
    public Integer call() {
        BenchSettings s = settings();
        LocalDateTime start = LocalDateTime.now();
        Path file = out != null ? out
                : Path.of("bench", "results-" + start.format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")) + ".md");
        if (out == null) {
            createDirectory(file.getParent());
        }
        PrintWriter err = spec.commandLine().getErr();
        try (NDManager manager = NDManager.newBaseManager()) {
            List<String> machine = new ArrayList<>(Report.machine(JniUtils.getNumThreads()));
            DiffusionPrior p = loadPrior(manager);
            String priorName = prior != null ? prior.getFileName().toString()
                    : (priorConfig != null ? priorConfig.getFileName() + " (random weights)"
                    : "ADM small layout (random weights)") + ", " + params(p.network()) + "M params, tile "
                    + p.tileSize();
            DegradationAwareModel d = degradation != null
                    ? DegradationModels.load(degradation, scale, official, manager)
                    : CompactModel.create(CompactConfig.defaults().withScale(scale), s.seed);
            String degradationName = degradation != null ? degradation.getFileName().toString()
                    : "compact defaults x" + scale + " (random weights)";
            Benchmarks b = new Benchmarks(s, p, priorName, d, degradationName, line -> {
                err.println(line);
                err.flush();
            });
            List<Table> tables = b.run();
            if (d instanceof AutoCloseable c) {
                close(c);
            }
            machine.add("load average at end: " + Proc.loadAverage());
            String md = Report.markdown(command(), start.withNano(0).toString(), machine, tables, b.verdicts());
            AtomicFile.write(file, o -> o.write(md.getBytes(StandardCharsets.UTF_8)));
            spec.commandLine().getOut().print(md);
            spec.commandLine().getOut().flush();
            err.println("dadiff: bench written to " + file);
            err.flush();
        }
        return 0;
    }

    private BenchSettings settings() {
        BenchSettings s = new BenchSettings();
        if (repeat < 1) {
            throw new DadiffException("--repeat must be at least 1");
        }
        if (sizes.isEmpty() || steps.isEmpty() || threads.isEmpty()) {
            throw new DadiffException("--sizes, --steps and --compare-threads need at least one value");
        }
        for (int v : sizes) {
            if (v < 16 || v % (4 * scale) != 0) {
                throw new DadiffException("--sizes must be multiples of " + 4 * scale + " (4 x --scale), got " + v);
            }
        }
        if (steps.stream().anyMatch(v -> v < 1 || v > 1000) || threads.stream().anyMatch(v -> v < 1)) {
            throw new DadiffException("--steps must be 1..1000 and --compare-threads at least 1");
        }
        s.sections = EnumSet.noneOf(Section.class);
        for (String name : sections) {
            try {
                s.sections.add(Section.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new DadiffException("unknown section '" + name + "' (choose networks, methods, sizes, threads, defaults)");
            }
        }
        s.repeat = repeat;
        s.sizes = List.copyOf(sizes);
        s.steps = List.copyOf(steps);
        s.threads = List.copyOf(threads);
        s.scale = scale;
        tiles.applyTo(s.tiling);
        s.tiling.validate();
        s.official = official;
        s.large = !noLarge;
        return s;
    }

    private DiffusionPrior loadPrior(NDManager manager) {
        if (prior != null) {
            return Priors.load(prior, priorConfig, manager);
        }
        if (priorConfig != null) {
            DiffusionPrior p = PriorConfigs.fromConfig(priorConfig);
            Networks.initialize(p.network(), manager);
            return p;
        }
        return Networks.adm(Networks.admSmall(), manager);
    }

    private String command() {
        var root = spec.root().commandLine().getParseResult();
        List<String> args = root != null ? root.originalArgs() : spec.commandLine().getParseResult().originalArgs();
        return "dadiff " + String.join(" ", args);
    }

    private static String params(TorchBlock block) {
        return String.format(Locale.ROOT, "%.2f", Networks.parameters(block) / 1e6);
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw DadiffException.of(dir, "cannot create the folder: " + e.getMessage(), e);
        }
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
