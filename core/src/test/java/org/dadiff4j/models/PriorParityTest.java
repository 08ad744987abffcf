package org.dadiff4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.dadiff4j.models.load.PriorConfigs;
import org.dadiff4j.weights.Npy;
import org.dadiff4j.weights.PytorchCheckpoint;
import org.dadiff4j.weights.StrictLoader;
import org.dadiff4j.testutil.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small reference checkpoints and inputs give the official outputs (ADM: all 6 channels). */
class PriorParityTest {

    @ParameterizedTest
    @CsvSource({"adm-small,case1", "adm-small,case2", "ddpm-small,case1", "ddpm-small,case2"})
    void matchesOfficialOutput(String model, String name) {
        Path dir = SharedData.require("reference/" + model);
        try (NDManager m = NDManager.newBaseManager()) {
            DiffusionPrior prior = PriorConfigs.fromConfig(dir.resolve("config.json"));
            StrictLoader.load(prior.network(), PytorchCheckpoint.read(dir.resolve("model.pt")), m);
            NDArray x = Npy.read(dir.resolve(name + "_x.npy"), m);
            NDArray t = Npy.read(dir.resolve(name + "_t.npy"), m);
            NDArray ref = Npy.read(dir.resolve(name + "_out.npy"), m);
            NDArray out = prior.forwardRaw(x, t);
            assertArrayEquals(ref.getShape().getShape(), out.getShape().getShape());
            double diff = out.sub(ref).abs().max().getFloat();
            System.out.println(model + " " + name + " max abs diff " + diff);
            assertTrue(diff <= 1e-4, "max abs diff " + diff);
            // epsilon() is the first three channels of the raw output.
            NDArray eps = prior.epsilon(x, t);
            assertArrayEquals(new long[] {x.getShape().get(0), 3, x.getShape().get(2), x.getShape().get(3)},
                    eps.getShape().getShape());
            assertTrue(eps.sub(ref.get(":, 0:3")).abs().max().getFloat() <= 1e-4);
        }
    }
}
