package org.dadiff4j.models.msdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.testutil.SharedData;
import org.dadiff4j.weights.Npy;
import org.dadiff4j.weights.PytorchCheckpoint;
import org.dadiff4j.weights.StrictLoader;
import org.junit.jupiter.api.Test;

/**
 * The {@link MsdiModel} wrapper at width 8 in the default profile (the full-width protocol test is
 * in the slow profile): both generators are reference/msdi2e-small's HINet, loaded fresh, and the
 * latents are the reference's inputs, so the official protocol can be checked against its two
 * recorded train-mode calls. Official mode: degrade is one full call, whose dropped generator
 * branch still advances that generator's spectral norms, so a restore after it is the generator's
 * second call ({@code out_call2}, 4e-4 from {@code out_call1}), and a degrade after that is not
 * Gd's second call. Eval mode: the eval output, repeated
 * exactly.
 */
class MsdiModelSmallTest {

    private static final double TOL = 1e-4;

    private final Path dir = SharedData.require("reference/msdi2e-small");

    private Msdi2e model(NDManager m, String latents) {
        return model(m, latents, 0f);
    }

    /** With {@code shift} added to every bias of the generator (Gr), so that Gr differs from Gd. */
    private Msdi2e model(NDManager m, String latents, float shift) {
        NDList fixed = new NDList();
        for (int i = 0; i < 4; i++) {
            fixed.add(Npy.read(dir.resolve(latents + "_latent" + i + ".npy"), m));
        }
        HINet inverse = new HINet(8);
        HINet generator = new HINet(8);
        StrictLoader.load(inverse, PytorchCheckpoint.read(dir.resolve("hinet_wf8.pt")), m);
        StrictLoader.load(generator, PytorchCheckpoint.read(dir.resolve("hinet_wf8.pt")), m);
        if (shift != 0f) {
            generator.stateDict().forEach((k, p) -> {
                if (k.endsWith(".bias") && p.requiresGradient()) {
                    p.getArray().addi(shift);
                }
            });
        }
        return new Msdi2e(inverse, generator, (ps, lq, training) -> {
            NDList copy = new NDList();
            fixed.forEach(a -> copy.add(a.duplicate()));
            return copy;
        });
    }

    @Test
    void officialModeRunsBothBranchesOnEveryCall() {
        try (NDManager m = NDManager.newBaseManager()) {
            MsdiModel facade = new MsdiModel(model(m, "train_b2"), MsdiMode.OFFICIAL);
            NDArray x = Npy.read(dir.resolve("train_b2_x.npy"), m);
            NDArray call1 = Npy.read(dir.resolve("train_b2_out_call1.npy"), m);
            NDArray call2 = Npy.read(dir.resolve("train_b2_out_call2.npy"), m);
            try (DegradationAwareModel.Representation r = facade.encode(x)) {
                MsdiFormulaTest.assertClose(call1, facade.degrade(x, r), TOL, "degrade = Gd's call 1");
                MsdiFormulaTest.assertClose(call2, facade.restore(x, r), TOL, "restore = Gr's call 2");
                // The restore's dropped Gd branch advanced Gd too: a third call is not Gd's call 2.
                float third = facade.degrade(x, r).sub(call2).abs().max().getFloat();
                assertTrue(third > 1e-5, "degrade after restore is Gd's call 3, " + third + " from call 2");
            }
        }
    }

    @Test
    void evalModeIsTheEvalOutputAndRepeats() {
        try (NDManager m = NDManager.newBaseManager()) {
            MsdiModel facade = new MsdiModel(model(m, "eval_b1"), MsdiMode.EVAL);
            NDArray x = Npy.read(dir.resolve("eval_b1_x.npy"), m);
            NDArray want = Npy.read(dir.resolve("eval_b1_out.npy"), m);
            try (DegradationAwareModel.Representation r = facade.encode(x)) {
                NDArray first = facade.degrade(x, r);
                MsdiFormulaTest.assertClose(want, first, TOL, "eval degrade");
                MsdiFormulaTest.assertClose(want, facade.restore(x, r), TOL, "eval restore");
                assertEquals(0f, first.sub(facade.degrade(x, r)).abs().max().getFloat(), "eval calls repeat");
            }
        }
    }

    /**
     * Both reference generators are the same HINet, so the tests above cannot tell Gd from Gr (a
     * wrapper that swapped them would pass). Here Gr's biases are moved by 0.1: degrade must still
     * give the reference outputs, which only inverse_generator can, and restore must not.
     */
    @Test
    void degradeIsTheInverseGeneratorAndRestoreTheGenerator() {
        try (NDManager m = NDManager.newBaseManager()) {
            MsdiModel official = new MsdiModel(model(m, "train_b2", 0.1f), MsdiMode.OFFICIAL);
            NDArray x = Npy.read(dir.resolve("train_b2_x.npy"), m);
            try (DegradationAwareModel.Representation r = official.encode(x)) {
                MsdiFormulaTest.assertClose(Npy.read(dir.resolve("train_b2_out_call1.npy"), m),
                        official.degrade(x, r), TOL, "official degrade with another Gr");
                float off = official.restore(x, r).sub(Npy.read(dir.resolve("train_b2_out_call2.npy"), m))
                        .abs().max().getFloat();
                assertTrue(off > 1e-2, "official restore runs the moved generator: " + off + " from Gd's call 2");
            }
            MsdiModel eval = new MsdiModel(model(m, "eval_b1", 0.1f), MsdiMode.EVAL);
            NDArray xe = Npy.read(dir.resolve("eval_b1_x.npy"), m);
            NDArray want = Npy.read(dir.resolve("eval_b1_out.npy"), m);
            try (DegradationAwareModel.Representation r = eval.encode(xe)) {
                MsdiFormulaTest.assertClose(want, eval.degrade(xe, r), TOL, "eval degrade with another Gr");
                float off = eval.restore(xe, r).sub(want).abs().max().getFloat();
                assertTrue(off > 1e-2, "eval restore runs the moved generator: " + off + " from Gd's output");
            }
        }
    }
}
