package org.dadiff4j.models.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dadiff4j.DadiffException;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.Manifests;
import org.dadiff4j.models.adm.UNetModel;
import org.dadiff4j.models.ddpm.DdpmModel;
import org.dadiff4j.testutil.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriorConfigsTest {

    @Test
    void recognisesOfficialAdm256Uncond() {
        var shapes = Manifests.shapes(SharedData.require("reference/adm-manifest-256-uncond.txt"));
        DiffusionPrior p = PriorConfigs.infer(shapes).orElseThrow();
        assertInstanceOf(UNetModel.class, p.network());
        assertEquals(256, p.imageSize());
        assertEquals(32, p.sizeMultiple());
        assertTrue(p.learnsSigma());
    }

    @Test
    void recognisesCelebaDdpm() {
        var shapes = Manifests.shapes(SharedData.require("reference/celeba-ddpm-manifest.txt"));
        DiffusionPrior p = PriorConfigs.infer(shapes).orElseThrow();
        assertInstanceOf(DdpmModel.class, p.network());
        assertEquals(256, p.imageSize());
        assertFalse(p.learnsSigma());
    }

    @Test
    void otherLayoutsAreNotGuessed() {
        assertTrue(PriorConfigs.infer(Manifests.shapes(SharedData.require("reference/adm-small/manifest.txt"))).isEmpty());
        Map<String, long[]> changed = new LinkedHashMap<>(
                Manifests.shapes(SharedData.require("reference/celeba-ddpm-manifest.txt")));
        changed.put("conv_out.bias", new long[] {6});
        assertTrue(PriorConfigs.infer(changed).isEmpty());
        changed.remove("conv_out.bias");
        assertTrue(PriorConfigs.infer(changed).isEmpty());
    }

    @Test
    void configFilesOfBothFamilies() {
        DiffusionPrior adm = PriorConfigs.fromConfig(SharedData.require("reference/adm-small/config.json"));
        assertInstanceOf(UNetModel.class, adm.network());
        assertEquals(64, adm.imageSize());
        DiffusionPrior ddpm = PriorConfigs.fromConfig(SharedData.require("reference/ddpm-small/config.json"));
        assertInstanceOf(DdpmModel.class, ddpm.network());
        assertEquals(32, ddpm.imageSize());
        assertEquals(4, ddpm.sizeMultiple());
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ddpm.epsilon(m.zeros(new Shape(1, 3, 30, 32)), m.zeros(new Shape(1))));
            assertTrue(e.getMessage().contains("multiples of 4"), e.getMessage());
        }
    }

    @Test
    void badConfigsNameTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "{\"foo\": 1}");
        DadiffException e = assertThrows(DadiffException.class, () -> PriorConfigs.fromConfig(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        Files.writeString(f, "{\"num_channels\": 64, \"image_size\": 64}");
        e = assertThrows(DadiffException.class, () -> PriorConfigs.fromConfig(f));
        assertTrue(e.getMessage().contains("num_res_blocks"), e.getMessage());
        Files.writeString(f, "{\"num_channels\": 64, \"image_size\": 64, \"num_res_blocks\": 1, \"class_cond\": true}");
        e = assertThrows(DadiffException.class, () -> PriorConfigs.fromConfig(f));
        assertTrue(e.getMessage().contains("class-conditional"), e.getMessage());
        Files.writeString(f, "not json");
        assertThrows(DadiffException.class, () -> PriorConfigs.fromConfig(f));
    }
}
