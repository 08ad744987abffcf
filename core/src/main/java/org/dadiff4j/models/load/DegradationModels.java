package org.dadiff4j.models.load;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.compact.CompactModel;
import org.dadiff4j.models.msdi.Msdi2e;
import org.dadiff4j.models.msdi.MsdiMode;
import org.dadiff4j.models.msdi.MsdiModel;
import org.dadiff4j.weights.StateDict;
import org.dadiff4j.weights.StrictLoader;
import org.dadiff4j.weights.WeightsFile;

/** Loads a degradation-aware model (E, Gd, Gr) from a file, recognising the family by content. */
public final class DegradationModels {

    private DegradationModels() {}

    /**
     * Loads {@code file}: a dadiff4j compact model (safetensors with its JSON config beside it) or a
     * DADiff MSDI2E checkpoint ({@code {"params": ...}}, recognised from its layout).
     *
     * @param scale the upscaling factor the model must serve (the MSDI2E works at any)
     * @param official run the MSDI2E as the official sampler does (train-mode batch statistics and
     *     one spectral-norm power iteration per call); otherwise in eval mode
     */
    public static DegradationAwareModel load(Path file, int scale, boolean official, NDManager manager) {
        org.dadiff4j.InputFile.require(file, "model file");
        if (isCompact(file)) {
            CompactModel model = CompactModel.load(file);
            if (model.config().scale() != scale) {
                model.close();
                throw DadiffException.of(file, "this model upscales x" + model.config().scale() + ", not x" + scale);
            }
            return model;
        }
        StateDict sd = WeightsFile.read(file);
        Msdi2e msdi = new Msdi2e();
        if (Layouts.matches(msdi, Layouts.shapes(sd))) {
            StrictLoader.load(msdi, sd, manager);
            return new MsdiModel(msdi, official ? MsdiMode.OFFICIAL : MsdiMode.EVAL);
        }
        throw DadiffException.of(file, "unrecognised degradation model layout (" + sd.size()
                + " tensors): expected a DADiff MSDI2E checkpoint or a dadiff4j compact model");
    }

    private static boolean isCompact(Path file) {
        Path json = WeightsFile.configPath(file);
        if (!Files.isRegularFile(json)) {
            return false;
        }
        JsonObject o = org.dadiff4j.JsonFiles.readObject(json, "model config");
        JsonElement family = o.get("family");
        return family != null && family.isJsonPrimitive() && CompactConfig.FAMILY.equals(family.getAsString());
    }
}
