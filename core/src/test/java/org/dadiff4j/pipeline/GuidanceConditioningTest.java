package org.dadiff4j.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.compact.CompactModel;
import org.dadiff4j.sampling.StepInfo;
import org.junit.jupiter.api.Test;

/**
 * Conditioned on E(y), as the perturbation is, the guided step leaves Gr(y) where it is; conditioned
 * on E(y_p) (the official sampler's choice), it moves it.
 */
class GuidanceConditioningTest {

    private static final StepInfo STEP = new StepInfo(0, 1, 500, 400, 0.5f, 0.6f);

    /** Largest |step(Gr(y)) - Gr(y)| over the elements inside (-1, 1), where the step's clamp does not act. */
    private static float drift(CompactModel model, NDArray lr, boolean reread) {
        LearnedFactory f = new LearnedFactory(model, 2f, true, reread, false, 0, 0);
        try (GuidanceFactory.Bound b = f.bind(lr, 4); NDManager sm = lr.getManager().newSubManager()) {
            NDArray anchor = b.anchor();
            anchor.attach(sm);
            NDArray moved = b.apply(anchor.duplicate(), STEP);
            moved.attach(sm);
            NDArray inside = anchor.abs().lt(0.99f);
            return moved.sub(anchor).abs().mul(inside).max().getFloat();
        }
    }

    @Test
    void restorationIsAFixedPointOnlyUnderTheInputsRepresentation() {
        CompactConfig c = new CompactConfig(4, 8, 1, 8, 1, 4, false, false);
        try (CompactModel model = CompactModel.create(c, 7); NDManager m = NDManager.newBaseManager()) {
            RandomModels.jitter(model, 0.08f);
            NDArray lr = RandomModels.uniform(m, 11, 0.2f, 0.8f, new Shape(1, 3, 16, 16));
            float own = drift(model, lr, false);
            float reread = drift(model, lr, true);
            assertTrue(own < 1e-4f, "under E(y) the step moved Gr(y) by " + own);
            assertTrue(reread > 1e-3f, "under E(y_p) the step should move Gr(y), moved it by " + reread);
        }
    }
}
