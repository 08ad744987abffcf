package org.dadiff4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.dadiff4j.models.DegradationAwareModel;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.nn.TorchBlock;
import org.junit.jupiter.api.Test;

/** The timing wrappers and the step recorder, on a fake clock and fake networks. */
class MeasurementTest {

    /** A clock that moves only when told to. */
    private static final class FakeTime {
        long nanos;

        void advance(double seconds) {
            nanos += Math.round(seconds * 1e9);
        }
    }

    /** A prior that takes {@code cost} seconds of fake time and returns its input. */
    private static DiffusionPrior fakePrior(FakeTime time, double cost) {
        return new DiffusionPrior() {
            @Override
            public NDArray epsilon(NDArray x, NDArray t) {
                time.advance(cost);
                return x;
            }

            @Override
            public NDArray forwardRaw(NDArray x, NDArray t) {
                time.advance(2 * cost);
                return t;
            }

            @Override
            public int imageSize() {
                return 32;
            }

            @Override
            public int sizeMultiple() {
                return 8;
            }

            @Override
            public boolean learnsSigma() {
                return true;
            }

            @Override
            public TorchBlock network() {
                return null;
            }
        };
    }

    @Test
    void clockSumsDurationsAndCallsByLabel() {
        FakeTime time = new FakeTime();
        CallClock clock = new CallClock(() -> time.nanos);
        assertEquals("a", clock.time("x", () -> {
            time.advance(0.25);
            return "a";
        }));
        clock.time("x", () -> {
            time.advance(0.5);
            return null;
        });
        clock.time("y", () -> {
            time.advance(1.0);
            return null;
        });
        time.advance(3); // outside any call: not counted
        assertEquals(0.75, clock.seconds("x"), 1e-12);
        assertEquals(2, clock.calls("x"));
        assertEquals(1.0, clock.seconds("y"), 1e-12);
        assertEquals(1.75, clock.seconds(), 1e-12);
        assertEquals(0, clock.calls("z"));
        assertThrows(IllegalStateException.class, () -> clock.time("y", () -> {
            time.advance(2);
            throw new IllegalStateException("boom");
        }));
        assertEquals(3.0, clock.seconds("y"), 1e-12, "a failing call still spent its time");
        clock.reset();
        assertEquals(0, clock.seconds());
    }

    @Test
    void timedPriorDelegatesAndSumsForwardTime() {
        FakeTime time = new FakeTime();
        CallClock clock = new CallClock(() -> time.nanos);
        TimedPrior p = new TimedPrior(fakePrior(time, 0.125), clock);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.zeros(new ai.djl.ndarray.types.Shape(1, 3, 32, 32));
            NDArray t = m.zeros(new ai.djl.ndarray.types.Shape(1));
            for (int i = 0; i < 3; i++) {
                assertSame(x, p.epsilon(x, t));
            }
            assertSame(t, p.forwardRaw(x, t));
        }
        assertEquals(3 * 0.125 + 0.25, clock.seconds(TimedPrior.LABEL), 1e-12);
        assertEquals(4, clock.calls(TimedPrior.LABEL));
        assertEquals(32, p.imageSize());
        assertEquals(8, p.sizeMultiple());
        assertTrue(p.learnsSigma());
    }

    @Test
    void timedDegradationLabelsEachNetwork() {
        FakeTime time = new FakeTime();
        CallClock clock = new CallClock(() -> time.nanos);
        DegradationAwareModel.Representation rep = () -> { };
        DegradationAwareModel fake = new DegradationAwareModel() {
            @Override
            public Domain domain() {
                return new Domain(0, 1, false, 4);
            }

            @Override
            public Representation encode(NDArray lq) {
                time.advance(1);
                return rep;
            }

            @Override
            public NDArray degrade(NDArray x, Representation r) {
                time.advance(2);
                return x;
            }

            @Override
            public NDArray restore(NDArray y, Representation r) {
                time.advance(4);
                return y;
            }
        };
        TimedDegradation d = new TimedDegradation(fake, clock);
        assertSame(rep, d.encode(null));
        d.degrade(null, rep);
        d.restore(null, rep);
        d.restore(null, rep);
        assertEquals(1, clock.seconds(TimedDegradation.ENCODER), 1e-12);
        assertEquals(2, clock.seconds(TimedDegradation.DEGRADE), 1e-12);
        assertEquals(8, clock.seconds(TimedDegradation.RESTORE), 1e-12);
        assertEquals(2, clock.calls(TimedDegradation.RESTORE));
        assertEquals(4, d.domain().sizeMultiple());
    }

    @Test
    void recorderSplitsSetupFromSteadySteps() {
        FakeTime time = new FakeTime();
        CallClock clock = new CallClock(() -> time.nanos);
        DiffusionPrior p = new TimedPrior(fakePrior(time, 0.5), clock);
        clock.time("stale", () -> null); // reset by the recorder
        ImageRun.Recorder rec = new ImageRun.Recorder(clock);
        time.advance(3); // setup outside networks
        for (int step = 1; step <= 4; step++) {
            p.epsilon(null, null);
            p.epsilon(null, null); // two tiles: 1 s of network
            time.advance(0.25); // per-step overhead
            rec.stepDone(step, 4);
        }
        ImageRun r = rec.finish();
        assertEquals(3 + 4 * 1.25, r.wall(), 1e-9);
        assertEquals(4.0, r.network(), 1e-9);
        assertEquals(1.25, r.stepWall(), 1e-9);
        assertEquals(1.0, r.stepNetwork(), 1e-9);
        assertEquals(8, r.priorCalls());
        assertEquals(4, r.steps());
        assertEquals(3.0, r.setup(), 1e-9);
        assertEquals(25.0, ImageRun.overheadPercent(r.stepWall(), r.stepNetwork()), 1e-9);
        assertTrue(Double.isNaN(ImageRun.overheadPercent(1, 0)));
    }

    @Test
    void oneStepHasNoSteadyStepTime() {
        CallClock clock = new CallClock(() -> 0);
        ImageRun.Recorder rec = new ImageRun.Recorder(clock);
        rec.stepDone(1, 1);
        ImageRun r = rec.finish();
        assertTrue(Double.isNaN(r.stepWall()));
        assertTrue(Double.isNaN(r.setup()));
    }

    @Test
    void medianOfRunsTakesEachFigureSeparately() {
        ImageRun r = Benchmarks.medianRun(java.util.List.of(new ImageRun(1, 9, 3, 2, 5, 2),
                new ImageRun(7, 1, 1, 8, 5, 2), new ImageRun(4, 4, 2, 4, 5, 2)));
        assertEquals(new ImageRun(4, 4, 2, 4, 5, 2), r);
        assertEquals(2.5, Stats.median(4, 1, 3, 2), 0);
        assertEquals(3, Stats.median(5, 3, 1), 0);
        assertTrue(Double.isNaN(Stats.median()));
    }
}
