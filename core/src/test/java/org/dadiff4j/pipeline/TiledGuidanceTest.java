package org.dadiff4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.compact.CompactModel;
import org.dadiff4j.sampling.StepInfo;
import org.junit.jupiter.api.Test;

/** Gd and Gr run tile by tile beyond the guidance tile, and agree with the whole-image run. */
class TiledGuidanceTest {

    private static final StepInfo STEP = new StepInfo(0, 1, 500, 400, 0.5f, 0.6f);

    /** Records the sizes the networks see. */
    private static final class Recording implements DegradationAwareModel {
        final DegradationAwareModel inner;
        final List<Shape> restoreInputs = new ArrayList<>();

        Recording(DegradationAwareModel inner) {
            this.inner = inner;
        }

        @Override
        public Domain domain() {
            return inner.domain();
        }

        @Override
        public Representation encode(NDArray lq) {
            return inner.encode(lq);
        }

        @Override
        public NDArray degrade(NDArray x, Representation r) {
            return inner.degrade(x, r);
        }

        @Override
        public NDArray restore(NDArray y, Representation r) {
            restoreInputs.add(y.getShape());
            return inner.restore(y, r);
        }

        @Override
        public Representation crop(Representation r, int y, int x, int h, int w) {
            return inner.crop(r, y, x, h, w);
        }
    }

    private static float[] hook(DegradationAwareModel model, int tile, NDArray lr, NDArray x0) {
        LearnedFactory f = new LearnedFactory(model, 1f, true, true, false, tile, 16);
        try (GuidanceFactory.Bound b = f.bind(lr, 4); NDManager sm = x0.getManager().newSubManager()) {
            NDArray in = x0.duplicate();
            in.attach(sm);
            return b.apply(in, STEP).toFloatArray();
        }
    }

    /**
     * A fresh compact model is exactly area-down (Gd) and bilinear-up (Gr), whose supports are a
     * few pixels: with tiles aligned to LR pixels and blended, the tiled guidance equals the whole
     * one up to the tiny weight of tile borders. A tile corner off the LR grid would change the
     * block means and fail this by far.
     */
    @Test
    void tiledGuidanceMatchesWholeImage() {
        CompactConfig c = new CompactConfig(4, 8, 1, 8, 1, 4, false, true);
        try (CompactModel model = CompactModel.create(c, 3); NDManager m = NDManager.newBaseManager()) {
            NDArray lr = RandomModels.uniform(m, 1, 0f, 1f, new Shape(1, 3, 16, 24));
            NDArray x0 = RandomModels.uniform(m, 2, -1f, 1f, new Shape(1, 3, 64, 96));
            Recording tiled = new Recording(model);
            float[] a = hook(tiled, 32, lr, x0);
            float[] b = hook(model, 0, lr, x0);
            float max = 0;
            for (int i = 0; i < a.length; i++) {
                max = Math.max(max, Math.abs(a[i] - b[i]));
            }
            assertTrue(max < 1e-3, "tiled and whole guidance differ by " + max);
            assertTrue(tiled.restoreInputs.stream().allMatch(s -> s.get(2) == 8 && s.get(3) == 8),
                    "Gr saw more than one 32-pixel tile: " + tiled.restoreInputs);
            assertTrue(tiled.restoreInputs.size() > 6, "expected several tiles, got " + tiled.restoreInputs);
        }
    }

    /**
     * With a spatial representation and trained-like (non-zero) weights, Gd on a tile with its
     * cropped representation equals the whole-image Gd away from the tile's border.
     */
    @Test
    void croppedSpatialRepresentationConditionsTheSameRegion() {
        CompactConfig c = new CompactConfig(4, 8, 1, 8, 1, 4, false, false);
        try (CompactModel model = CompactModel.create(c, 5); NDManager m = NDManager.newBaseManager()) {
            RandomModels.jitter(model, 0.08f);
            NDArray x = RandomModels.uniform(m, 3, 0f, 1f, new Shape(1, 3, 128, 128));
            NDArray lr = RandomModels.uniform(m, 4, 0f, 1f, new Shape(1, 3, 32, 32));
            try (DegradationAwareModel.Representation r = model.encode(lr);
                    DegradationAwareModel.Representation part = model.crop(r, 8, 12, 16, 16)) {
                assertNotNull(part);
                NDArray whole = model.degrade(x, r).get(new NDIndex(":, :, 14:18, 18:22"));
                NDArray tile = model.degrade(x.get(new NDIndex(":, :, 32:96, 48:112")), part)
                        .get(new NDIndex(":, :, 6:10, 6:10"));
                assertEquals(0f, whole.sub(tile).abs().max().getFloat(), 1e-5f);
                try (DegradationAwareModel.Representation wrong = model.crop(r, 0, 0, 16, 16)) {
                    NDArray off = model.degrade(x.get(new NDIndex(":, :, 32:96, 48:112")), wrong)
                            .get(new NDIndex(":, :, 6:10, 6:10"));
                    assertTrue(whole.sub(off).abs().max().getFloat() > 1e-3f, "the crop must matter");
                }
            }
        }
    }
}
