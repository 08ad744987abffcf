package org.dadiff4j.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.IntStream;
import org.dadiff4j.DadiffException;
import org.junit.jupiter.api.Test;

class TimestepSpacingTest {

    private static int[] descendingWithEnd(int from, int step) {
        return IntStream.concat(IntStream.iterate(from, t -> t >= 0, t -> t - step), IntStream.of(-1))
                .toArray();
    }

    @Test
    void officialSpacingSkipsByIntegerDivision() {
        assertArrayEquals(descendingWithEnd(990, 10), TimestepSpacing.official(100, 1000).times());
        assertArrayEquals(descendingWithEnd(999, 1), TimestepSpacing.official(1000, 1000).times());
        assertArrayEquals(descendingWithEnd(960, 40), TimestepSpacing.official(25, 1000).times());
        // 30 does not divide 1000: skip = 33, so the run starts at 29 * 33 = 957 as in the official code.
        int[] t30 = TimestepSpacing.official(30, 1000).times();
        assertEquals(957, t30[0]);
        assertEquals(31, t30.length);
        assertArrayEquals(new int[] {0, -1}, TimestepSpacing.official(1, 1000).times());
    }

    @Test
    void ddimRespacingMatchesGuidedDiffusion() {
        assertArrayEquals(TimestepSpacing.official(100, 1000).times(),
                TimestepSpacing.respaced("ddim100", 1000).times());
        // range(0, 1000, 30) has 34 elements: 0, 30, ..., 990.
        assertArrayEquals(descendingWithEnd(990, 30), TimestepSpacing.respaced("ddim34", 1000).times());
        // Strides 1 and 2 give 1000 and 500 steps: nothing gives 999.
        assertThrows(DadiffException.class, () -> TimestepSpacing.respaced("ddim999", 1000));
    }

    @Test
    void sectionRespacingRoundsHalfToEven() {
        // One section of 10 over 1000: stride 999/9 = 111.
        assertArrayEquals(descendingWithEnd(999, 111), TimestepSpacing.respaced("10", 1000).times());
        // Two sections of 4 over 10 (sizes 5, 5): stride 4/3 gives 0, 1.33->1, 2.67->3, 4 in each.
        assertArrayEquals(new int[] {9, 8, 6, 5, 4, 3, 1, 0, -1}, TimestepSpacing.respaced("4,4", 10).times());
        // Stride 2.5 over a section of 6: 0, 2.5->2 (half to even), 5.
        assertArrayEquals(new int[] {5, 2, 0, -1}, TimestepSpacing.respaced("3", 6).times());
        assertThrows(DadiffException.class, () -> TimestepSpacing.respaced("6", 5));
        assertThrows(DadiffException.class, () -> TimestepSpacing.respaced("x", 5));
    }

    @Test
    void stepsCarryAlphaBarsOfBothEnds() {
        NoiseSchedule s = NoiseSchedule.linear();
        var steps = TimestepSpacing.official(4, 1000).steps(s);
        assertEquals(4, steps.size());
        assertEquals(new StepInfo(0, 4, 750, 500, s.alphaBar(750), s.alphaBar(500)), steps.get(0));
        assertEquals(new StepInfo(3, 4, 0, -1, s.alphaBar(0), 1f), steps.get(3));
        assertThrows(DadiffException.class, () -> TimestepSpacing.official(0, 1000));
        assertThrows(DadiffException.class, () -> TimestepSpacing.official(1001, 1000));
    }

    @Test
    void lastStepsStartPartWayAndEndAtMinusOne() {
        TimestepSpacing full = TimestepSpacing.official(100, 1000);
        assertArrayEquals(descendingWithEnd(290, 10), full.last(30).times());
        assertArrayEquals(full.times(), full.last(100).times());
        assertArrayEquals(new int[] {-1}, full.last(0).times());
        var steps = full.last(3).steps(NoiseSchedule.linear());
        assertEquals(new StepInfo(0, 3, 20, 10, NoiseSchedule.linear().alphaBar(20),
                NoiseSchedule.linear().alphaBar(10)), steps.get(0));
        assertThrows(IllegalArgumentException.class, () -> full.last(101));
    }

    @Test
    void strengthKeepsTheRoundedShareOfTheSteps() {
        DdimScheduler s = new DdimScheduler(NoiseSchedule.linear(), 1f);
        s.setTimesteps(100, 0.3);
        assertEquals(30, s.steps().size());
        assertEquals(290, s.steps().get(0).t());
        s.setTimesteps(100, 1.0);
        assertEquals(990, s.steps().get(0).t());
        s.setTimesteps(50, 0.25);
        assertEquals(13, s.steps().size()); // round(12.5) = 13
        s.setTimesteps(100, 0);
        assertEquals(0, s.steps().size());
        s.setTimesteps(2, 0.2); // round(0.4) = 0, but a strength above 0 runs at least one step
        assertEquals(1, s.steps().size());
        assertEquals(0, s.steps().get(0).t());
        assertThrows(IllegalArgumentException.class, () -> s.setTimesteps(100, 1.5));
    }
}
