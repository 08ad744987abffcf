package org.dadiff4j.models.msdi;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import org.dadiff4j.DadiffException;
import org.dadiff4j.weights.Npy;
import org.dadiff4j.weights.PytorchCheckpoint;
import org.dadiff4j.weights.StrictLoader;
import org.dadiff4j.testutil.SharedData;
import org.junit.jupiter.api.Test;

/**
 * The official HINet at width 8 ({@code reference/msdi2e-small}), loaded fresh for each case, in
 * eval mode and in training mode (batch statistics, spectral norms advancing per call).
 */
class MsdiSmallTest {

    private static final double TOL = 1e-4;

    private final Path dir = SharedData.require("reference/msdi2e-small");

    private HINet load(NDManager m) {
        HINet net = new HINet(8);
        StrictLoader.load(net, PytorchCheckpoint.read(dir.resolve("hinet_wf8.pt")), m);
        return net;
    }

    private NDList latents(String c, NDManager m) {
        NDList l = new NDList();
        for (int i = 0; i < 4; i++) {
            l.add(Npy.read(dir.resolve(c + "_latent" + i + ".npy"), m));
        }
        return l;
    }

    @Test
    void evalBatchOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = load(m).apply(new ParameterStore(m, false), Npy.read(dir.resolve("eval_b1_x.npy"), m), latents("eval_b1", m), false);
            MsdiFormulaTest.assertClose(Npy.read(dir.resolve("eval_b1_out.npy"), m), out, TOL, "eval_b1");
        }
    }

    @Test
    void trainBatchTwoTwoCalls() {
        try (NDManager m = NDManager.newBaseManager()) {
            HINet net = load(m);
            NDArray x = Npy.read(dir.resolve("train_b2_x.npy"), m);
            NDList lat = latents("train_b2", m);
            NDArray first = net.apply(new ParameterStore(m, false), x, lat, true);
            NDArray second = net.apply(new ParameterStore(m, false), x, lat, true);
            MsdiFormulaTest.assertClose(Npy.read(dir.resolve("train_b2_out_call1.npy"), m), first, TOL, "train_b2 call 1");
            MsdiFormulaTest.assertClose(Npy.read(dir.resolve("train_b2_out_call2.npy"), m), second, TOL, "train_b2 call 2");
            // The calls differ by 4e-4 only through the spectral-norm update; the check above must see it.
            assertTrue(first.sub(second).abs().max().getFloat() > 10 * 1e-5);
        }
    }

    @Test
    void trainBatchOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = load(m).apply(new ParameterStore(m, false), Npy.read(dir.resolve("train_b1_x.npy"), m), latents("train_b1", m), true);
            MsdiFormulaTest.assertClose(Npy.read(dir.resolve("train_b1_out_call1.npy"), m), out, TOL, "train_b1");
        }
    }

    @Test
    void msdi2eRejectsAHinetCheckpointNamingTheFile() {
        try (NDManager m = NDManager.newBaseManager()) {
            DadiffException e = assertThrows(DadiffException.class, () -> Msdi2e.load(dir.resolve("hinet_wf8.pt"), m));
            assertTrue(e.getMessage().contains("hinet_wf8.pt") && e.getMessage().contains("missing"), e.getMessage());
        }
    }
}
