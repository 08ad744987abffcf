package org.dadiff4j.models.load;

import com.google.gson.JsonObject;
import org.dadiff4j.models.BetaSchedule;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.dadiff4j.DadiffException;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.TorchPrior;
import org.dadiff4j.models.adm.AdmConfig;
import org.dadiff4j.models.adm.UNetModel;
import org.dadiff4j.models.ddpm.DdpmConfig;
import org.dadiff4j.models.ddpm.DdpmModel;
import org.dadiff4j.nn.TorchBlock;

/**
 * Builds diffusion priors (without weights) from a config file, or recognises an official
 * checkpoint by its tensor names and shapes.
 */
public final class PriorConfigs {

    /** Our own keys beside guided-diffusion's flags: the side and overlap of the tiles to sample on. */
    public static final String TILE = "tile";
    public static final String TILE_OVERLAP = "tile_overlap";

    /** The official priors DADiff uses: ADM 256×256 unconditional (DIV2K) and SDEdit's CelebA-HQ DDPM. */
    private static final List<Supplier<DiffusionPrior>> OFFICIAL = List.of(
            () -> new UNetModel(AdmConfig.uncond256()).asPrior(),
            () -> new DdpmModel(DdpmConfig.celebaHq()).asPrior());

    private PriorConfigs() {}

    /**
     * The official prior whose state_dict has exactly these names and shapes, or empty (then the
     * caller needs a config file). Builds candidates without weight arrays, so it is cheap.
     */
    public static Optional<DiffusionPrior> infer(Map<String, long[]> shapes) {
        for (Supplier<DiffusionPrior> candidate : OFFICIAL) {
            DiffusionPrior prior = candidate.get();
            if (Layouts.matches(prior.network(), shapes)) {
                return Optional.of(prior);
            }
        }
        return Optional.empty();
    }

    /**
     * A prior from a JSON config: guided-diffusion create_model flags (ADM, recognised by
     * "num_channels", also under "create_model_kwargs") or an SDEdit/DDIM config with "model" and
     * "data" (DDPM, also under "config").
     */
    public static DiffusionPrior fromConfig(Path file) {
        try {
            return build(file);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            // the network's own checks (group norm widths, head counts) on values the file chose
            throw DadiffException.of(file, "the prior config describes no network that can be built: "
                    + org.dadiff4j.JsonFiles.describeValueError(e), e);
        }
    }

    private static DiffusionPrior build(Path file) {
        JsonObject root = org.dadiff4j.JsonFiles.readObject(file, "prior config");
        if (root.has("create_model_kwargs") || root.has("num_channels")) {
            JsonObject flags = root.has("create_model_kwargs") ? root.getAsJsonObject("create_model_kwargs") : root;
            TorchPrior prior = new UNetModel(AdmConfig.fromJson(file)).asPrior()
                    .withBetas(BetaSchedule.fromAdmFlags(flags, file));
            // Our own keys, beside guided-diffusion's flags: the tiles to sample on.
            if (root.has(TILE)) {
                try {
                    int overlap = root.has(TILE_OVERLAP) ? root.get(TILE_OVERLAP).getAsInt() : -1;
                    return prior.withTiling(root.get(TILE).getAsInt(), overlap);
                } catch (RuntimeException e) {
                    throw DadiffException.of(file, "bad \"tile\" or \"tile_overlap\": "
                            + org.dadiff4j.JsonFiles.describeValueError(e), e);
                }
            }
            return prior;
        }
        if (root.has("config") || root.has("model")) {
            return new DdpmModel(DdpmConfig.fromJson(file)).asPrior().withBetas(BetaSchedule.fromDdpmConfig(root, file));
        }
        throw DadiffException.of(file,
                "unknown prior config (expected guided-diffusion flags or a DDPM \"model\" section)");
    }
}
