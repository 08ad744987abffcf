package org.dadiff4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.dadiff4j.models.DegradationAwareModel.Representation;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.compact.CompactModel;
import org.junit.jupiter.api.Test;

class SelfEnsembleTest {

    private static NDArray random(NDManager m, long seed, Shape shape) {
        Random r = new Random(seed);
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        return m.create(v, shape);
    }

    private static float maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }

    /**
     * A spatial fake: E's reading is its input itself, and Gr adds the reading to its input (same
     * size), so Gr under the right reading of any transform doubles the input; Gd is the identity.
     */
    private static class Doubling implements DegradationAwareModel {
        record Map(NDArray value, long h, long w) implements Representation {
            @Override
            public void close() {}
        }

        @Override
        public Domain domain() {
            return new Domain(0f, 1f, true, 1);
        }

        @Override
        public Representation encode(NDArray lq) {
            return new Map(lq.duplicate(), lq.getShape().get(2), lq.getShape().get(3));
        }

        @Override
        public NDArray degrade(NDArray x, Representation r) {
            return x.duplicate();
        }

        @Override
        public NDArray restore(NDArray y, Representation r) {
            return y.add(((Map) r).value());
        }

        @Override
        public Representation crop(Representation r, int y, int x, int h, int w) {
            Map map = (Map) r;
            return new Map(DegradationAwareModel.cropMap(map.value(), map.h(), map.w(), y, x, h, w), h, w);
        }
    }

    @Test
    void everyTransformIsUndoneByItsInverseAndAllEightDiffer() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = random(m, 1, new Shape(1, 3, 5, 7));
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < SelfEnsemble.MAX; k++) {
                NDArray t = SelfEnsemble.transform(x, k);
                assertEquals(0f, maxDiff(SelfEnsemble.inverse(t, k), x), "transform " + k);
                seen.add(t.getShape() + java.util.Arrays.toString(t.toFloatArray()));
            }
            assertEquals(8, seen.size(), "the 8 transforms of an asymmetric image are 8 images");
        }
    }

    /** Each transformed input must meet E's reading of that same transform. */
    @Test
    void grOfEachTransformIsConditionedOnItsOwnReading() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = random(m, 2, new Shape(1, 3, 6, 10));
            for (int n : new int[] {1, 2, 4, 8}) {
                DegradationAwareModel e = SelfEnsemble.of(new Doubling(), n);
                try (Representation r = e.encode(y)) {
                    assertEquals(0f, maxDiff(e.restore(y, r), y.mul(2)), 1e-6f, "n = " + n);
                    assertEquals(0f, maxDiff(e.degrade(y, r), y), "Gd is the model's own");
                }
            }
        }
    }

    /** A tile with its cropped readings restores as the whole image does there, transposes included. */
    @Test
    void croppedReadingsFollowTheirTransforms() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = random(m, 3, new Shape(1, 3, 12, 20));
            DegradationAwareModel e = new SelfEnsemble(new Doubling(), 8);
            try (Representation r = e.encode(y); Representation part = e.crop(r, 2, 5, 4, 9)) {
                NDArray tile = y.get(new NDIndex(":, :, 2:6, 5:14"));
                assertEquals(0f, maxDiff(e.restore(tile, part), tile.mul(2)), 1e-6f);
                try (Representation wrong = e.crop(r, 0, 0, 4, 9)) {
                    assertTrue(maxDiff(e.restore(tile, wrong), tile.mul(2)) > 0.1f, "the crop must matter");
                }
            }
        }
    }

    /** A fresh compact Gr is bilinear upsampling, which commutes with flips and transposes. */
    @Test
    void anEquivariantGrIsUnchanged() {
        CompactConfig c = new CompactConfig(4, 8, 1, 8, 1, 4, false, true);
        try (CompactModel model = CompactModel.create(c, 3); NDManager m = NDManager.newBaseManager()) {
            NDArray y = random(m, 4, new Shape(1, 3, 8, 12));
            DegradationAwareModel e = SelfEnsemble.of(model, 8);
            try (Representation a = model.encode(y); Representation b = e.encode(y)) {
                NDArray alone = model.restore(y, a);
                NDArray mean = e.restore(y, b);
                assertEquals(alone.getShape(), mean.getShape());
                assertEquals(0f, maxDiff(alone, mean), 1e-5f);
            }
        }
    }

    /** What a Gr does differently on a mirrored input averages out: here a left-to-right ramp. */
    @Test
    void aMirrorPairCancelsALeftToRightBias() {
        DegradationAwareModel ramp = new Doubling() {
            @Override
            public NDArray restore(NDArray y, Representation r) {
                long w = y.getShape().get(3);
                return y.add(y.getManager().arange(0f, (float) w).reshape(1, 1, 1, w));
            }
        };
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = random(m, 5, new Shape(1, 3, 4, 6));
            DegradationAwareModel e = SelfEnsemble.of(ramp, 2);
            try (Representation r = e.encode(y)) {
                NDArray out = e.restore(y, r);
                assertEquals(0f, maxDiff(out, y.add(2.5f)), 1e-6f, "the ramp 0..5 becomes its mean, 2.5");
                assertNotEquals(0f, maxDiff(ramp.restore(y, r), y.add(2.5f)));
            }
        }
    }

    @Test
    void oneIsTheModelItselfAndOtherCountsAreRefused() {
        DegradationAwareModel d = new Doubling();
        assertSame(d, SelfEnsemble.of(d, 1));
        assertThrows(IllegalArgumentException.class, () -> SelfEnsemble.of(d, 3));
    }
}
