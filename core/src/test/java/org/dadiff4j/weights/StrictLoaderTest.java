package org.dadiff4j.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.file.Path;
import java.util.List;
import org.dadiff4j.DadiffException;
import org.dadiff4j.nn.TorchBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StrictLoaderTest {

    @TempDir
    Path tmp;

    /** conv.weight (2,3), conv.bias (2), norm.running_mean (2), norm.num_batches_tracked (). */
    static final class Net extends TorchBlock {
        static final class Conv extends TorchBlock {
            Conv() {
                weight("weight", new Shape(2, 3));
                bias("bias", new Shape(2));
            }

            @Override
            protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training,
                    PairList<String, Object> params) {
                return in;
            }
        }

        static final class Norm extends TorchBlock {
            Norm() {
                buffer("running_mean", new Shape(2), Parameter.Type.RUNNING_MEAN);
                buffer("num_batches_tracked", new Shape(), Parameter.Type.OTHER);
            }

            @Override
            protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training,
                    PairList<String, Object> params) {
                return in;
            }
        }

        Net() {
            child("conv", new Conv());
            child("norm", new Norm());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training,
                PairList<String, Object> params) {
            return in;
        }
    }

    private static StateDict matching() {
        return new StateDict("ckpt.pt")
                .put("conv.weight", TensorData.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3))
                .put("conv.bias", TensorData.of(DataType.FLOAT64, new long[] {2},
                        TorchFiles.le(16).putDouble(0.25).putDouble(-0.5).flip()))
                .put("norm.running_mean", TensorData.of(new float[] {0.5f, 1.5f}, 2))
                .put("norm.num_batches_tracked", TensorData.ofLongs(new long[] {7}));
    }

    @Test
    void loadsFloat32AndKeepsInt64Buffers() {
        Net net = new Net();
        try (NDManager m = NDManager.newBaseManager()) {
            StrictLoader.load(net, matching(), m);
            assertTrue(net.isInitialized());
            var sd = net.stateDict();
            NDArray w = sd.get("conv.weight").getArray();
            assertEquals(DataType.FLOAT32, w.getDataType());
            assertEquals(new Shape(2, 3), w.getShape());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, w.toFloatArray());
            assertEquals(DataType.FLOAT32, sd.get("conv.bias").getArray().getDataType());
            assertArrayEquals(new float[] {0.25f, -0.5f}, sd.get("conv.bias").getArray().toFloatArray());
            NDArray n = sd.get("norm.num_batches_tracked").getArray();
            assertEquals(DataType.INT64, n.getDataType());
            assertEquals(new Shape(), n.getShape());
            assertEquals(7L, n.getLong());
            assertTrue(sd.get("conv.weight").requiresGradient());
            assertFalse(sd.get("norm.running_mean").requiresGradient());

            // the inverse: the block's tensors as a state dict, and through a safetensors file
            StateDict saved = StateDict.fromBlock(net);
            assertEquals(List.copyOf(matching().keys()), List.copyOf(saved.keys()));
            Path f = tmp.resolve("net.safetensors");
            Safetensors.write(f, saved, null, DataType.FLOAT32);
            Net again = new Net();
            StrictLoader.load(again, Safetensors.read(f), m);
            assertArrayEquals(w.toFloatArray(), again.stateDict().get("conv.weight").getArray().toFloatArray());
            assertEquals(7L, again.stateDict().get("norm.num_batches_tracked").getArray().getLong());
        }
    }

    @Test
    void initialisedBlockReceivesValuesInItsOwnArrays() {
        Net net = new Net();
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32);
            NDArray before = net.stateDict().get("conv.weight").getArray();
            StrictLoader.load(net, matching(), m);
            assertSame(before, net.stateDict().get("conv.weight").getArray());
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, before.toFloatArray());
            NDArray n = net.stateDict().get("norm.num_batches_tracked").getArray();
            assertEquals(DataType.FLOAT32, n.getDataType()); // initialised as float: keeps its dtype
            assertEquals(7f, n.getFloat());
        }
    }

    @Test
    void everyMismatchIsReportedInOneLine() {
        StateDict sd = matching();
        StateDict bad = new StateDict("ckpt.pt")
                .put("conv.weight", TensorData.of(new float[9], 3, 3))
                .put("norm.running_mean", sd.get("norm.running_mean"))
                .put("norm.running_var", sd.get("norm.running_mean"))
                .put("extra", TensorData.of(new float[] {1}, 1));
        Net net = new Net();
        try (NDManager m = NDManager.newBaseManager()) {
            DadiffException e = assertThrows(DadiffException.class, () -> StrictLoader.load(net, bad, m));
            assertEquals("ckpt.pt: missing 2 keys [conv.bias, norm.num_batches_tracked]; "
                    + "unexpected 2 keys [norm.running_var, extra]; "
                    + "wrong shape 1 key [conv.weight: checkpoint (3, 3) vs model (2, 3)]", e.getMessage());
            assertFalse(net.isInitialized(), "nothing is loaded when the check fails");
        }
    }

    @Test
    void loadsTheReferenceCheckpointKeysStrictlyAfterModuleStripping() {
        // module.-prefixed names load into the plain block: DataParallel checkpoints
        StateDict prefixed = new StateDict("dp.pt");
        matching().asMap().forEach((k, v) -> prefixed.put("module." + k, v));
        Net net = new Net();
        try (NDManager m = NDManager.newBaseManager()) {
            StrictLoader.load(net, prefixed.stripPrefix("module."), m);
            assertArrayEquals(new float[] {0.5f, 1.5f}, net.stateDict().get("norm.running_mean").getArray()
                    .toFloatArray());
        }
    }
}
