package org.dadiff4j.eval.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.dadiff4j.testutil.SharedData;
import org.dadiff4j.weights.Npy;

/** Reads {@code reference/metrics} inputs and reference tensors. */
final class RefData {

    private RefData() {}

    /** A uint8 image .npy as float32 u8 / 255f (torchvision's ToTensor). */
    static NDArray image(NDManager manager, String relative) {
        Npy.Array a = Npy.read(SharedData.require(FormulaBackbones.ROOT + relative));
        float[] v = a.toFloats();
        for (int i = 0; i < v.length; i++) {
            v[i] /= 255f;
        }
        return manager.create(v, new Shape(a.shape));
    }

    static Npy.Array npy(String relative) {
        return Npy.read(SharedData.require(FormulaBackbones.ROOT + relative));
    }

    static JsonObject json(String relative) {
        try {
            return JsonParser.parseString(Files.readString(SharedData.require(FormulaBackbones.ROOT + relative)))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** max |a − ref| after checking the shapes agree. */
    static double maxAbsDiff(NDArray a, Npy.Array ref) {
        assertArrayEquals(ref.shape, a.getShape().getShape(), "shape");
        return maxAbsDiff(a.toFloatArray(), ref.toFloats());
    }

    static double maxAbsDiff(float[] a, float[] ref) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - ref[i]));
        }
        return m;
    }

    static double maxAbs(float[] v) {
        double m = 0;
        for (float f : v) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }
}
