package org.dadiff4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.dadiff4j.DadiffException;
import org.dadiff4j.JsonFiles;
import org.dadiff4j.data.Seeds;
import org.dadiff4j.data.TrainingLoader;
import org.dadiff4j.data.TrainingPair;
import org.dadiff4j.degrade.Planes;
import org.dadiff4j.models.BetaSchedule;
import org.dadiff4j.models.adm.AdmConfig;
import org.dadiff4j.models.adm.UNetModel;
import org.dadiff4j.nn.TorchBlock;
import org.dadiff4j.sampling.NoiseSchedule;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.StrictLoader;
import org.dadiff4j.weights.WeightsFile;

/**
 * Trains an unconditional diffusion prior, guided-diffusion's {@link UNetModel}, on HR crops of
 * photos with DDPM's simple loss ({@link EpsilonLoss}): t uniform in 0..999 on the linear schedule,
 * ε-prediction only, with the variance fixed (learn_sigma false: samplers use β_t or the DDIM
 * choice, no learned interpolation). Adam with linear warmup and cosine decay, global
 * gradient-norm clipping, and an exponential moving average of the weights, which is what ships.
 *
 * <p>Output folder: {@code model.safetensors} + {@code model.json} (the EMA weights and the
 * create_model flags, so {@code Priors.load} reads it as is; rewritten at every checkpoint),
 * {@code checkpoints/step-NNNNNN.safetensors}, {@code loss.csv} and {@code val.csv} (ε-MSE of the
 * EMA weights on fixed held-out crops at t = 100, 500, 900; step 0 is the untrained network).
 *
 * <p>Reproducible: weights are initialised from the seed in Java, crop {@code i} depends only on
 * the seed and {@code i}, the timesteps and noise of step {@code s} only on the seed and {@code s},
 * and the run happens on the calling thread (PyTorch records gradients per thread), so a run
 * resumed from a checkpoint repeats the losses of the uninterrupted run. A resumed run takes its
 * settings from the checkpoint; only the number of steps, the folders and the reporting intervals
 * come from the builder.
 */
public final class PriorTrainer {

    private static final String KIND = "adm-prior-training";
    private static final float BETA2 = 0.999f;
    /** Keeps the noise stream apart from the crop stream, which is seeded with the same run seed. */
    private static final long NOISE_STREAM = 0x6E6F697365L;

    private final Builder b;

    private PriorTrainer(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The compact prior for 64×64 crops of photos (1.14 M parameters): 32 channels at full, 64 at
     * half and quarter resolution, one ResBlock per level with scale-shift norm, attention only in
     * the middle block (at 1/4 resolution, 4 heads); ε only. 32 channels is the least GroupNorm32
     * allows; 64 channels or two ResBlocks per level cost 2-4 times as much per step on one core.
     */
    public static AdmConfig compactConfig() {
        return new AdmConfig(64, 32, 1, "1,2,2", false, false, false, "", 4, -1, -1, true, 0.0, false, false,
                false);
    }

    /** Runs the training and returns the path of the shipped (EMA) weights, {@code out/model.safetensors}. */
    public Path run() {
        Checkpoint resume = TrainingLoop.checkpoint(b, KIND);
        PriorSettings s = resume != null ? settingsOf(resume) : b.settings();
        Path shipped = WeightsFile.weightsPath(b.output.resolve("model"));
        new TrainingLoop(b, KIND, resume, s.toJson(), s.opt(), BETA2).run(
                TrainingLoader.builder().optCropsOnly().optScale(1).optCropSize(s.crop()).optPrescale(s.prescale()),
                manager -> new Task(s, shipped, manager));
        return shipped;
    }

    /** The prior's part of the loop: the UNet and its average, DDPM's loss, ε-MSE validation. */
    private final class Task implements TrainingLoop.Task {
        private final PriorSettings s;
        private final Path shipped;
        private final PriorValidation val;
        private final NoiseSchedule noise;
        private final UNetModel net;
        private final UNetModel ema;

        Task(PriorSettings s, Path shipped, NDManager manager) {
            this.s = s;
            this.shipped = shipped;
            // The schedule the loader will read from the shipped config (the prior owns its betas).
            noise = NoiseSchedule.of(BetaSchedule.fromAdmFlags(s.config().toJson(), shipped));
            val = b.validation == null ? null
                    : PriorValidation.load(b.validation, s.crop(), s.prescale(), b.validationCount);
            net = fresh(s.config(), s.opt().seed(), manager);
            ema = fresh(s.config(), s.opt().seed(), manager);
        }

        @Override
        public TorchBlock net() {
            return net;
        }

        @Override
        public TorchBlock average() {
            return ema;
        }

        /** Backpropagates the ε-MSE of one batch at timesteps and noise drawn for {@code step}; returns it. */
        @Override
        public double[] loss(long step, List<TrainingPair> batch, NDManager manager) {
            List<Planes> crops = batch.stream().map(p -> p.hr).toList();
            SplittableRandom rng = new SplittableRandom(Seeds.of(s.opt().seed() ^ NOISE_STREAM, step));
            int[] t = new int[crops.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = s.focus().draw(rng, noise.trainSteps());
            }
            try (NDManager sub = manager.newSubManager()) {
                EpsilonLoss.Sample sample = EpsilonLoss.draw(sub, crops, t, rng);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray mse = EpsilonLoss.of(net, new ParameterStore(sub, false), sample, noise, true);
                    gc.backward(mse);
                    return new double[] {mse.getFloat()};
                }
            }
        }

        @Override
        public String validationHeader() {
            return val == null ? null : PriorValidation.header();
        }

        @Override
        public double[] validate(NDManager manager) {
            return val.evaluate(ema, noise, manager);
        }

        @Override
        public void ship(long step) {
            WeightsFile.save(shipped, StateDict.fromBlock(ema), s.shippedConfig(), b.storage);
        }
    }

    private PriorSettings settingsOf(Checkpoint c) {
        try {
            return PriorSettings.fromJson(c.settings(), b.resume);
        } catch (DadiffException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DadiffException.of(b.resume, "bad run settings in the checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * A fresh network from {@code seed}. Like guided-diffusion's zero_module, the last conv of every
     * ResBlock, attention's output projection and the output conv start at zero, so every residual
     * branch starts as the identity and the first prediction is zero.
     */
    static UNetModel fresh(AdmConfig config, long seed, NDManager manager) {
        UNetModel net = new UNetModel(config);
        net.stateDict().forEach((name, p) -> {
            if (name.startsWith("out.2.") || name.contains(".out_layers.3.") || name.contains(".proj_out.")) {
                p.setInitializer(Initializer.ZEROS);
            }
        });
        StrictLoader.load(net, StateDict.initial(net, seed), manager);
        return net;
    }

    /** Settings; {@code set*} are required, {@code opt*} optional. */
    public static final class Builder extends RunBuilder<Builder> {
        private AdmConfig config = compactConfig();
        private int crop;
        private double prescale = 0.5;
        private int focusBelow = TimestepFocus.UNIFORM.below();
        private double focusShare = TimestepFocus.UNIFORM.share();
        private JsonObject tiling;

        /** Defaults of this trainer: 32 validation crops, 5000 steps, peak learning rate 2e-4. */
        Builder() {
            super(32, 5000, 2e-4);
        }

        /** The network's create_model flags (default {@link #compactConfig()}); learn_sigma must be false. */
        public Builder optConfig(AdmConfig config) {
            this.config = config;
            return this;
        }

        /** Crop size; it becomes the config's image_size (default: the config's image_size). */
        public Builder optCrop(int crop) {
            this.crop = crop;
            return this;
        }

        /** Shrink factor applied to the photos before cropping (default 0.5: cleaner detail than full size). */
        public Builder optPrescale(double prescale) {
            this.prescale = prescale;
            return this;
        }

        /**
         * Draw this share of the training timesteps uniformly below {@code below}, the rest over
         * the whole schedule (default: share 0, DDPM's uniform draw).
         */
        public Builder optTimestepFocus(int below, double share) {
            this.focusBelow = below;
            this.focusShare = share;
            return this;
        }

        /**
         * The sampling tiles the shipped config carries, as the "tile" and "tile_overlap" keys of
         * a prior config (default: those of the {@code optInit} model's config, if any). A prior
         * trained on small crops samples best on larger tiles than its crop.
         */
        public Builder optTiling(JsonObject priorConfig) {
            this.tiling = PriorSettings.tilingOf(priorConfig);
            return this;
        }

        private JsonObject tiling() {
            if (tiling != null && tiling.size() > 0) {
                return tiling;
            }
            Path initConfig = init == null ? null : WeightsFile.configPath(init);
            return initConfig != null && Files.isRegularFile(initConfig)
                    ? PriorSettings.tilingOf(JsonFiles.readObject(initConfig, "prior config")) : new JsonObject();
        }

        PriorSettings settings() {
            AdmConfig c = crop > 0 ? config.withImageSize(crop) : config;
            try {
                return new PriorSettings(c, prescale, new TimestepFocus(focusBelow, focusShare), optimizer(), tiling());
            } catch (IllegalArgumentException e) {
                throw new DadiffException(e.getMessage(), e);
            }
        }

        public PriorTrainer build() {
            check();
            if (resume == null) {
                settings(); // fail before loading any data
            }
            return new PriorTrainer(this);
        }
    }
}
