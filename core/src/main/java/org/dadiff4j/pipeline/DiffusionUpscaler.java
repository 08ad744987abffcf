package org.dadiff4j.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dadiff4j.image.Picture;
import org.dadiff4j.image.Tensors;
import org.dadiff4j.models.DiffusionPrior;
import java.util.List;
import java.util.function.LongFunction;
import org.dadiff4j.sampling.DdimScheduler;
import org.dadiff4j.sampling.DdnmPlusScheduler;
import org.dadiff4j.sampling.Scheduler;
import org.dadiff4j.sampling.NoiseSource;
import org.dadiff4j.sampling.NoiseSchedule;
import org.dadiff4j.sampling.Sampler;
import org.dadiff4j.sampling.StepInfo;
import org.dadiff4j.sampling.StepListener;
import org.dadiff4j.sampling.TorchNoise;

/**
 * Super-resolution by guided diffusion sampling: the input is reflect-padded so that the output
 * covers at least one prior tile, sampled with DDIM under the guidance hook (tiled beyond the
 * prior's native size), and cropped back. Gray, alpha and bit depth are handled by {@link Picture}.
 */
public final class DiffusionUpscaler implements Upscaler {

    private final DiffusionPrior prior;
    private final GuidanceFactory guidance;
    private final int scale;
    private final int steps;
    private final double strength;
    private final float eta;
    private final int overlap;
    private final int tileBatch;
    private final int tile;
    private final StepListener observer;
    private final LongFunction<NoiseSource> noises;
    private final float sigmaY;

    private DiffusionUpscaler(Builder b) {
        this.prior = b.prior;
        this.guidance = b.guidance;
        this.scale = b.scale;
        this.steps = b.steps;
        this.strength = b.strength;
        this.eta = b.eta;
        this.overlap = b.overlap >= 0 ? b.overlap : Defaults.overlap(prior, b.tile);
        this.tileBatch = b.tileBatch;
        this.tile = b.tile > 0 ? b.tile : prior.tileSize();
        this.observer = b.observer;
        this.noises = b.noises;
        this.sigmaY = b.sigmaY;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int scale() {
        return scale;
    }

    /** The steps a run takes: the last {@link Scheduler#stepsRun} of the spacing. */
    @Override
    public int steps() {
        return Scheduler.stepsRun(steps, strength);
    }

    @Override
    public Picture upscale(Picture lr, long seed, ProgressListener progress) {
        int w = lr.width();
        int h = lr.height();
        int multiple = guidance.sizeMultiple();
        int wp = RestoreUpscaler.padTo(Math.max(w * scale, tile), multiple, scale) / scale;
        int hp = RestoreUpscaler.padTo(Math.max(h * scale, tile), multiple, scale) / scale;
        Picture padded = wp == w && hp == h ? lr
                : Picture.of(wp, hp, Padding.reflect(lr.planes(), w, h, wp, hp), null, lr.bitDepth());
        NoiseSchedule noiseLevels = NoiseSchedule.of(prior.betaSchedule());
        Scheduler scheduler = sigmaY > 0 ? new DdnmPlusScheduler(noiseLevels, eta, sigmaY)
                : new DdimScheduler(noiseLevels, eta);
        scheduler.setTimesteps(steps, strength);
        List<StepInfo> run = scheduler.steps();
        float[][] planes;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = Tensors.toNchwRgb(m, padded);
            NoiseSource noise = noises.apply(seed);
            Shape shape = new Shape(1, 3, (long) hp * scale, (long) wp * scale);
            // From pure noise the first draw is x_T, before the hook exists, as in the official loop.
            NDArray xT = strength >= 1 ? noise.next(m, shape) : null;
            try (GuidanceFactory.Bound hook = guidance.bind(y, scale)) {
                if (xT == null) {
                    NDArray anchor = hook.anchor();
                    xT = run.isEmpty() ? anchor : Scheduler.addNoise(anchor, noise.next(m, shape), run.get(0));
                }
                NDArray x = run.isEmpty() ? xT : new Sampler(scheduler).sample(
                        new TiledPrior(prior, tile, overlap, tileBatch), xT, noise, hook, (s, x0, xNext) -> {
                            observer.onStep(s, x0, xNext);
                            if (progress.wantsPreview(s.index() + 1, s.total())) {
                                progress.preview(s.index() + 1, s.total(), preview(lr, x0, wp, w, h));
                            }
                            progress.stepDone(s.index() + 1, s.total());
                        });
                planes = Tensors.planes(Sampler.toImage(x));
            }
        }
        float[][] out = Padding.crop(planes, wp * scale, w * scale, h * scale);
        return lr.withColor(out, w * scale, h * scale);
    }

    /** The clean estimate as a picture of the output's size (padding cropped, alpha and depth of the input). */
    private Picture preview(Picture lr, NDArray x0, int wp, int w, int h) {
        try (NDArray image = Sampler.toImage(x0)) {
            float[][] planes = Padding.crop(Tensors.planes(image), wp * scale, w * scale, h * scale);
            return lr.withColor(planes, w * scale, h * scale);
        }
    }

    /** Builder: {@code set*} for what is required, {@code opt*} for what has a default. */
    public static final class Builder {
        private DiffusionPrior prior;
        private GuidanceFactory guidance;
        private int scale = Defaults.SCALE;
        private int steps = Defaults.STEPS;
        private double strength = Defaults.STRENGTH;
        private float eta = Defaults.ETA;
        private int overlap = -1;
        private int tileBatch = Defaults.TILE_BATCH;
        private int tile;
        private StepListener observer = (s, x0, x) -> { };
        private LongFunction<NoiseSource> noises = seed -> new TorchNoise((int) seed);
        private float sigmaY;

        public Builder setPrior(DiffusionPrior prior) {
            this.prior = prior;
            return this;
        }

        public Builder setGuidance(GuidanceFactory guidance) {
            this.guidance = guidance;
            return this;
        }

        public Builder optScale(int scale) {
            this.scale = scale;
            return this;
        }

        public Builder optSteps(int steps) {
            this.steps = steps;
            return this;
        }

        /**
         * Where the run starts, in [0, 1] (default 1): 1 samples from pure noise, as the paper;
         * below 1 the method's restoration (Gr(y) for DADiff) is noised to timestep
         * {@code strength * T} and only the last {@code round(strength * steps)} steps run; 0 returns
         * the restoration itself.
         */
        public Builder optStrength(double strength) {
            this.strength = strength;
            return this;
        }

        public Builder optEta(float eta) {
            this.eta = eta;
            return this;
        }

        /** Tile overlap in output pixels; by default the prior config's, else a quarter of the tile. */
        public Builder optOverlap(int overlap) {
            this.overlap = overlap;
            return this;
        }

        /**
         * Side of the tiles the prior runs on; by default its native size. Fully convolutional
         * priors may run on larger tiles (fewer, cheaper calls), multiples of their size multiple.
         */
        public Builder optTile(int tile) {
            this.tile = tile;
            return this;
        }

        public Builder optTileBatch(int tileBatch) {
            this.tileBatch = tileBatch;
            return this;
        }

        /** Sees every step's x0 estimate (for plots of the restoration over the steps). */
        public Builder optObserver(StepListener observer) {
            this.observer = observer;
            return this;
        }

        /**
         * Where each image's noise comes from (x_T first, then one draw per step); by default
         * PyTorch's generator seeded with the image's seed, like {@code torch.manual_seed}.
         */
        public Builder optNoise(LongFunction<NoiseSource> noises) {
            this.noises = noises;
            return this;
        }

        /**
         * Measurement noise of the input in [0,1] units; above 0 the DDNM+ step
         * ({@link DdnmPlusScheduler}) replaces DDIM, to pair with DDNM+ guidance.
         */
        public Builder optSigmaY(float sigmaY) {
            this.sigmaY = sigmaY;
            return this;
        }

        public DiffusionUpscaler build() {
            if (prior == null || guidance == null) {
                throw new IllegalStateException("prior and guidance are required");
            }
            if (tile > 0 && tile % prior.sizeMultiple() != 0) {
                throw new org.dadiff4j.SettingsException("tile", "tile must be a multiple of " + prior.sizeMultiple()
                        + " for this prior, got " + tile);
            }
            int resolved = tile > 0 ? tile : prior.tileSize();
            UpscaleSettings.checkTiling(resolved, overlap >= 0 ? overlap : Defaults.overlap(prior, tile));
            if (scale < 1 || steps < 1 || !(eta >= 0) || !(strength >= 0 && strength <= 1)) {
                throw new IllegalArgumentException("bad settings: scale " + scale + ", steps " + steps + ", eta " + eta
                        + ", strength " + strength);
            }
            return new DiffusionUpscaler(this);
        }
    }
}
