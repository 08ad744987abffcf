package org.dadiff4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.dadiff4j.api.Dadiff;
import org.dadiff4j.api.Settings;
import org.dadiff4j.api.SharedModels;
import org.dadiff4j.bench.BenchSettings.Section;
import org.dadiff4j.image.Picture;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.models.DegradationAwareModel.Representation;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.adm.AdmConfig;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.compact.CompactModel;
import org.dadiff4j.models.msdi.Msdi2e;
import org.dadiff4j.models.msdi.MsdiMode;
import org.dadiff4j.models.msdi.MsdiModel;
import org.dadiff4j.pipeline.Defaults;
import org.dadiff4j.pipeline.Method;
import org.dadiff4j.pipeline.Upscaler;

/**
 * Runs the sections of a benchmark and collects their tables and the verdicts on the targets.
 * Network calls of the pipeline go through {@link TimedPrior} and {@link TimedDegradation}, so the
 * pipeline's overhead is the wall time not spent in them. The methods run as the command runs them:
 * {@link Dadiff}s, here on the timed networks.
 */
public final class Benchmarks {

    /** A first call slower than this is kept as a measurement instead of being a warm-up. */
    static final double WARMUP_LIMIT = 2.0;
    /** The targets of the issue. */
    static final double MAX_OVERHEAD_PERCENT = 5;
    static final double MAX_PIXEL_SPREAD_PERCENT = 15;

    private final BenchSettings s;
    private final CallClock clock = new CallClock();
    private final DiffusionPrior prior;
    private final String priorName;
    private final DegradationAwareModel degradation;
    private final String degradationName;
    private final SharedModels timed;
    private final Consumer<String> log;
    private final List<Table> tables = new ArrayList<>();
    private final List<String> verdicts = new ArrayList<>();
    private final Table memory = new Table("Memory", "after", "peak RSS (MiB)", "RSS (MiB)", "load avg");

    /**
     * @param prior the prior of the diffusion methods (timed here)
     * @param degradation E, Gd, Gr of dadiff and restore (timed here)
     * @param log progress lines
     */
    public Benchmarks(BenchSettings s, DiffusionPrior prior, String priorName, DegradationAwareModel degradation,
            String degradationName, Consumer<String> log) {
        this.s = s;
        this.prior = new TimedPrior(prior, clock);
        this.priorName = priorName;
        this.degradation = new TimedDegradation(degradation, clock);
        this.degradationName = degradationName;
        this.timed = SharedModels.of(this.prior, this.degradation, null);
        this.log = log;
    }

    /** Runs the selected sections; returns their tables, the memory table last. */
    public List<Table> run() {
        memory.row("start", Proc.peakRssMib(), Proc.rssMib(), Proc.loadAverage());
        for (Section section : Section.values()) {
            if (!s.sections.contains(section)) {
                continue;
            }
            log.accept("bench: " + section.name().toLowerCase(Locale.ROOT));
            switch (section) {
                case NETWORKS -> tables.add(networks());
                case METHODS -> tables.add(methods());
                case SIZES -> tables.add(sizes());
                case THREADS -> tables.add(threads());
                case DEFAULTS -> tables.add(new DefaultsBench(s, log).run(verdicts));
                default -> throw new IllegalStateException("unhandled section " + section);
            }
            memory.row(section.name().toLowerCase(Locale.ROOT), Proc.peakRssMib(), Proc.rssMib(), Proc.loadAverage());
        }
        List<Table> all = new ArrayList<>(tables);
        all.add(memory.note("Peak RSS is VmHWM of /proc/self/status: the largest resident size of the whole JVM so far."));
        return all;
    }

    /** The targets of the issue, each with the measured value and whether it is met. */
    public List<String> verdicts() {
        return verdicts;
    }

    // ---------------------------------------------------------------- networks

    /** The side of the prior's tiles in the runs: what one prior call sees. */
    private int tile() {
        return s.tiling.tile > 0 ? s.tiling.tile : prior.tileSize();
    }

    private Table networks() {
        Table t = new Table("Network forwards (median of " + s.repeat + ", seconds)",
                "network", "input", "params (M)", "forward (s)", "per tile (s)", "load avg");
        int n = tile();
        int batch = Math.max(2, s.tiling.tileBatch);
        double one = priorForward(prior, n, 1);
        t.row("prior: " + priorName, shape(1, n), millions(prior.network()), one, one, Proc.loadAverage());
        double many = priorForward(prior, n, batch);
        t.row("prior: " + priorName, shape(batch, n), millions(prior.network()), many, many / batch, Proc.loadAverage());
        try (NDManager m = NDManager.newBaseManager()) {
            DiffusionPrior small = Networks.adm(Networks.admSmall(), m);
            double f = priorForward(small, 64, 1);
            t.row("ADM small (reference adm-small, random weights)", shape(1, 64), millions(small.network()), f, f,
                    Proc.loadAverage());
        }
        compactForwards(t);
        if (s.large) {
            try (NDManager m = NDManager.newBaseManager()) {
                DiffusionPrior big = Networks.adm(AdmConfig.uncond256(), m);
                double f = priorForward(big, 256, 1);
                t.row("ADM 256x256 uncond (random weights)", shape(1, 256), millions(big.network()), f, f,
                        Proc.loadAverage());
            }
            msdiForwards(t);
        }
        return t.note("Inputs are random; weights are PyTorch-default random values (no checkpoint). One warm-up call"
                + " precedes the measured ones unless it takes more than " + WARMUP_LIMIT + " s, then it counts.");
    }

    private double priorForward(DiffusionPrior p, int size, int batch) {
        return median(sm -> {
            NDArray x = sm.randomNormal(new Shape(batch, 3, size, size));
            NDArray ts = sm.full(new Shape(batch), 500f);
            return () -> p.forwardRaw(x, ts);
        });
    }

    private void compactForwards(Table t) {
        int lr = 64;
        int hr = lr * 4;
        try (CompactModel c = CompactModel.create(CompactConfig.defaults(), s.seed)) {
            double params = c.parameterCount() / 1e6;
            t.row("compact E", shape(1, lr), params, median(sm -> {
                NDArray y = sm.randomUniform(0f, 1f, new Shape(1, 3, lr, lr));
                return () -> c.encode(y);
            }), Double.NaN, Proc.loadAverage());
            t.row("compact Gd (256 -> 64)", shape(1, hr), params, median(sm -> {
                NDArray y = sm.randomUniform(0f, 1f, new Shape(1, 3, lr, lr));
                NDArray x = sm.randomUniform(0f, 1f, new Shape(1, 3, hr, hr));
                Representation r = c.encode(y);
                return () -> c.degrade(x, r);
            }), Double.NaN, Proc.loadAverage());
            t.row("compact Gr (64 -> 256)", shape(1, lr), params, median(sm -> {
                NDArray y = sm.randomUniform(0f, 1f, new Shape(1, 3, lr, lr));
                Representation r = c.encode(y);
                return () -> c.restore(y, r);
            }), Double.NaN, Proc.loadAverage());
        }
    }

    /** The official-width MSDI2E: E, each generator in eval mode, and one official (train-mode) call. */
    private void msdiForwards(Table t) {
        int hr = 256;
        try (NDManager m = NDManager.newBaseManager()) {
            Msdi2e net = Networks.initialize(new Msdi2e(), m);
            double params = Networks.parameters(net) / 1e6;
            MsdiModel eval = new MsdiModel(net, MsdiMode.EVAL);
            MsdiModel official = new MsdiModel(net, MsdiMode.OFFICIAL);
            Function<NDManager, NDArray> lq = sm -> sm.randomUniform(0f, 1f, new Shape(1, 3, hr, hr));
            double e = median(sm -> {
                NDArray y = lq.apply(sm);
                return () -> eval.encode(y);
            });
            double gr = median(sm -> {
                NDArray y = lq.apply(sm);
                Representation r = eval.encode(y);
                return () -> eval.restore(y, r);
            });
            double gd = median(sm -> {
                NDArray y = lq.apply(sm);
                Representation r = eval.encode(y);
                return () -> eval.degrade(y, r);
            });
            double full = median(sm -> {
                NDArray y = lq.apply(sm);
                Representation r = official.encode(y);
                return () -> official.restore(y, r);
            });
            t.row("MSDI2E E = prior_upsampling(net_prior), eval", shape(1, hr), params, e, Double.NaN, Proc.loadAverage());
            t.row("MSDI2E Gr = generator, eval (one call of restore)", shape(1, hr), params, gr, Double.NaN,
                    Proc.loadAverage());
            t.row("MSDI2E Gd = inverse_generator, eval (one call of degrade)", shape(1, hr), params, gd, Double.NaN,
                    Proc.loadAverage());
            t.row("MSDI2E official call (train mode: E + both generators)", shape(1, hr), params, full, Double.NaN,
                    Proc.loadAverage());
            verdicts.add(String.format(Locale.ROOT, "MSDI2E eval mode runs one generator per call: restore %.2f s,"
                    + " degrade %.2f s, against %.2f s for an official call (E %.2f + Gr + Gd = %.2f s expected)."
                    + " The discarded branch runs only with --official.", gr, gd, full, e, e + gr + gd));
        }
    }

    // ---------------------------------------------------------------- methods

    private static final List<Method> METHODS = List.of(Method.BICUBIC, Method.RESTORE, Method.DDNM, Method.DADIFF);

    private Table methods() {
        int out = s.sizes.get(0);
        Table t = new Table("Methods at " + out + "x" + out + " output, x" + s.scale + " (median of " + s.repeat
                + ")", "method", "steps", "s/image", "s/step", "network s/step", "overhead/step %",
                "overhead/image %", "prior calls/step", "setup s", "load avg");
        List<Double> overheads = new ArrayList<>();
        for (Method method : METHODS) {
            List<Integer> stepCounts = method.usesPrior() ? s.steps : List.of(1);
            for (int steps : stepCounts) {
                ImageRun r = measureImage(method, steps, out);
                double stepOverhead = ImageRun.overheadPercent(r.stepWall(), r.stepNetwork());
                if (method.usesPrior()) {
                    overheads.add(stepOverhead);
                }
                t.row(method.cliName(), method.usesPrior() ? steps : "-", r.wall(), r.stepWall(), r.stepNetwork(),
                        stepOverhead, ImageRun.overheadPercent(r.wall(), r.network()),
                        method.usesPrior() ? (double) r.priorCalls() / r.steps() : Double.NaN, r.setup(),
                        Proc.loadAverage());
            }
        }
        double worst = overheads.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).max()
                .orElse(Double.NaN);
        verdicts.add(String.format(Locale.ROOT, "Pipeline overhead per step <= %.0f%% of network time: %s (worst %.1f%%).",
                MAX_OVERHEAD_PERCENT, worst <= MAX_OVERHEAD_PERCENT ? "met" : "NOT met", worst));
        return t.note("Prior: " + priorName + "; degradation model: " + degradationName + ". s/step is the mean"
                + " interval between steps after the first; setup = s/image - steps x s/step (guidance binding,"
                + " x_T, conversions). Overhead = (wall - network) / network, network = time inside prior, E, Gd and"
                + " Gr calls.");
    }

    private ImageRun measureImage(Method method, int steps, int out) {
        Picture lr = randomPicture(out / s.scale, s.seed);
        List<ImageRun> runs = new ArrayList<>();
        try (Upscaler u = upscaler(method, steps)) {
            for (int i = 0; runs.size() < s.repeat; i++) {
                ImageRun r = image(u, lr);
                if (i > 0 || r.wall() > WARMUP_LIMIT) {
                    runs.add(r);
                }
            }
        }
        log.accept(String.format(Locale.ROOT, "bench:   %s %dx%d, %d steps: %.2f s/image", method.cliName(), out, out,
                steps, Stats.median(runs.stream().mapToDouble(ImageRun::wall).toArray())));
        return medianRun(runs);
    }

    private Upscaler upscaler(Method method, int steps) {
        Settings settings = Settings.builder()
                .optMethod(method)
                .optScale(s.scale)
                .optSteps(steps)
                // The bench counts the steps a run takes: from pure noise every configured step runs (the
                // default strength would run a fifth of them; its cost is that of --steps 20 plus one Gr call).
                .optStrength(1.0)
                .optTile(s.tiling.tile)
                .optTileOverlap(s.tiling.tileOverlap)
                .optTileBatch(s.tiling.tileBatch)
                .optGuidanceTile(s.tiling.guidanceTile)
                .optOfficial(s.official)
                .build();
        return Dadiff.builder().optShared(timed).optSettings(settings).build();
    }

    private ImageRun image(Upscaler u, Picture lr) {
        ImageRun.Recorder rec = new ImageRun.Recorder(clock);
        u.upscale(lr, s.seed, rec);
        return rec.finish();
    }

    static ImageRun medianRun(List<ImageRun> runs) {
        return new ImageRun(Stats.median(runs.stream().mapToDouble(ImageRun::wall).toArray()),
                Stats.median(runs.stream().mapToDouble(ImageRun::network).toArray()),
                Stats.median(runs.stream().mapToDouble(ImageRun::stepWall).toArray()),
                Stats.median(runs.stream().mapToDouble(ImageRun::stepNetwork).toArray()),
                runs.get(0).priorCalls(), runs.get(0).steps());
    }

    // ---------------------------------------------------------------- sizes

    /**
     * Steps of one measured image at output side {@code out}: the step intervals are inversely
     * proportional to the area, so every image does about the same work and averages this machine's
     * slow drifts over the same span of time.
     */
    static int equalWorkSteps(int largestSteps, int largest, int out) {
        double area = (double) largest * largest / ((double) out * out);
        return 1 + (int) Math.round((largestSteps - 1) * area);
    }

    /**
     * Sizes are measured interleaved: each round runs every method at every size once, after one
     * warm-up round, so a slow minute of the machine falls on all sizes alike. Besides the medians,
     * each size is compared with the first within the same round.
     */
    private Table sizes() {
        int largest = s.sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        int largestSteps = Math.max(2, s.steps.get(0));
        List<Method> methods = List.of(Method.DDNM, Method.DADIFF);
        int n = s.sizes.size();
        Table t = new Table("Scaling with output size (interleaved, median of " + s.repeat + " rounds)",
                "method", "output", "steps", "prior calls/step", "tile coverage", "s/step", "network s/step",
                "overhead %", "s/prior call", "us/pixel/step", "vs " + s.sizes.get(0) + " (medians)",
                "vs " + s.sizes.get(0) + " (same round)", "peak RSS (MiB)", "load avg");
        Map<Method, List<List<ImageRun>>> runs = interleaved(methods, largestSteps, largest);
        int tile = tile();
        for (Method method : methods) {
            List<List<ImageRun>> perSize = runs.get(method);
            double[] perPixel = new double[n];
            for (int i = 0; i < n; i++) {
                int out = s.sizes.get(i);
                ImageRun r = medianRun(perSize.get(i));
                perPixel[i] = 1e6 * r.stepWall() / ((double) out * out);
                double calls = (double) r.priorCalls() / r.steps();
                double[] sameRound = new double[s.repeat];
                for (int k = 0; k < s.repeat; k++) {
                    sameRound[k] = perSize.get(i).get(k).stepWall() / perSize.get(0).get(k).stepWall()
                            * s.sizes.get(0) * s.sizes.get(0) / ((double) out * out);
                }
                t.row(method.cliName(), out + "x" + out, r.steps(), calls,
                        calls * s.tiling.tileBatch * tile * tile / ((double) out * out), r.stepWall(), r.stepNetwork(),
                        ImageRun.overheadPercent(r.stepWall(), r.stepNetwork()), r.stepWall() / calls, perPixel[i],
                        perPixel[i] / perPixel[0], Stats.median(sameRound), Proc.peakRssMib(), Proc.loadAverage());
            }
            if (n > 1) {
                double spread = 100 * (Arrays.stream(perPixel).max().orElseThrow()
                        / Arrays.stream(perPixel).min().orElseThrow() - 1);
                verdicts.add(String.format(Locale.ROOT, "%s: time per output pixel within %.0f%% from %d^2 to %d^2: %s"
                        + " (max/min - 1 of the medians = %.1f%%).", method.cliName(), MAX_PIXEL_SPREAD_PERCENT,
                        s.sizes.get(0), s.sizes.get(n - 1), spread <= MAX_PIXEL_SPREAD_PERCENT ? "met" : "NOT met",
                        spread));
            }
        }
        return t.note("Each round runs every method at every size once (one warm-up round first); each image takes "
                + "1 + " + (largestSteps - 1) + " x (" + largest + "/side)^2 steps, so all images do the same work. "
                + "s/step is the mean step interval after the first step. Tile coverage = tiles x tile area / image area "
                + "(exact for --tile-batch 1): the prior work per pixel, which the tile overlap sets. Tile " + tile
                + ", overlap " + (s.tiling.tileOverlap >= 0 ? s.tiling.tileOverlap : Defaults.overlap(prior, s.tiling.tile))
                + ". s/prior call = s/step / prior calls per step. \"Same round\" divides each round's time per pixel "
                + "by that of the first size in the same round, then takes the median over rounds.");
    }

    /** Per method, per size (in the order of {@code s.sizes}): the runs of the measured rounds. */
    private Map<Method, List<List<ImageRun>>> interleaved(List<Method> methods, int largestSteps, int largest) {
        Map<Method, List<List<ImageRun>>> runs = new EnumMap<>(Method.class);
        Map<Method, List<Upscaler>> upscalers = new EnumMap<>(Method.class);
        List<Picture> inputs = s.sizes.stream().map(out -> randomPicture(out / s.scale, s.seed)).toList();
        try {
            for (Method method : methods) {
                List<Upscaler> perSize = new ArrayList<>();
                upscalers.put(method, perSize);
                runs.put(method, new ArrayList<>());
                for (int out : s.sizes) {
                    perSize.add(upscaler(method, equalWorkSteps(largestSteps, largest, out)));
                    runs.get(method).add(new ArrayList<>());
                }
            }
            for (int round = 0; round <= s.repeat; round++) {
                for (Method method : methods) {
                    for (int i = 0; i < s.sizes.size(); i++) {
                        int out = s.sizes.get(i);
                        ImageRun r = image(upscalers.get(method).get(i), inputs.get(i));
                        if (round > 0) {
                            runs.get(method).get(i).add(r);
                        }
                        log.accept(String.format(Locale.ROOT, "bench:   round %d/%d %s %dx%d, %d steps: %.3f s/step",
                                round, s.repeat, method.cliName(), out, out, r.steps(), r.stepWall()));
                    }
                }
            }
        } finally {
            upscalers.values().forEach(list -> list.forEach(Upscaler::close));
        }
        return runs;
    }

    // ---------------------------------------------------------------- threads

    private Table threads() {
        int out = s.sizes.get(0);
        int steps = Math.max(2, s.steps.get(0));
        Table t = new Table("Intra-op threads (median of " + s.repeat + ")", "threads", "prior forward (s)",
                "compact Gr (s)", "ddnm s/step @" + out, "dadiff s/step @" + out, "load avg");
        int original = JniUtils.getNumThreads();
        List<double[]> measured = new ArrayList<>();
        try (CompactModel c = CompactModel.create(CompactConfig.defaults(), s.seed)) {
            for (int n : s.threads) {
                JniUtils.setNumThreads(n);
                double p = priorForward(prior, tile(), 1);
                double g = median(sm -> {
                    NDArray y = sm.randomUniform(0f, 1f, new Shape(1, 3, 64, 64));
                    Representation r = c.encode(y);
                    return () -> c.restore(y, r);
                });
                double ddnm = measureImage(Method.DDNM, steps, out).stepWall();
                double dadiff = measureImage(Method.DADIFF, steps, out).stepWall();
                t.row(JniUtils.getNumThreads(), p, g, ddnm, dadiff, Proc.loadAverage());
                measured.add(new double[] {n, dadiff});
            }
        } finally {
            JniUtils.setNumThreads(original);
        }
        if (measured.size() > 1) {
            double[] a = measured.get(0);
            double[] b = measured.get(measured.size() - 1);
            verdicts.add(String.format(Locale.ROOT, "Threads: dadiff step with %d threads takes %.2fx the time with %d"
                    + " (OMP_WAIT_POLICY=%s).", (int) b[0], b[1] / a[1], (int) a[0], System.getenv("OMP_WAIT_POLICY")));
        }
        return t.note("Threads are switched in one process with torch.set_num_threads (DJL JniUtils.setNumThreads);"
                + " inter-op threads stay at 1.");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The median seconds of {@code repeat} timed calls; each call's inputs are made by {@code prepare}
     * in a manager that is closed after the call, and only the returned action is timed.
     */
    private double median(Function<NDManager, Runnable> prepare) {
        List<Double> times = new ArrayList<>();
        try (NDManager base = NDManager.newBaseManager()) {
            for (int i = 0; times.size() < s.repeat; i++) {
                try (NDManager sm = base.newSubManager()) {
                    Runnable call = prepare.apply(sm);
                    long t0 = System.nanoTime();
                    call.run();
                    double sec = (System.nanoTime() - t0) / 1e9;
                    if (i > 0 || sec > WARMUP_LIMIT) {
                        times.add(sec);
                    }
                }
            }
        }
        return Stats.median(times.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static Picture randomPicture(int side, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] planes = new float[3][side * side];
        for (float[] p : planes) {
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) rng.nextDouble();
            }
        }
        return Picture.of(side, side, planes, null, 8);
    }

    private static String shape(int batch, int side) {
        return batch + "x3x" + side + "x" + side;
    }

    private static double millions(org.dadiff4j.nn.TorchBlock block) {
        return Networks.parameters(block) / 1e6;
    }
}
