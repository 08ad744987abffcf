package org.dadiff4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.dadiff4j.bench.BenchSettings.Section;
import org.dadiff4j.models.DiffusionPrior;
import org.dadiff4j.models.adm.AdmConfig;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.compact.CompactModel;
import org.junit.jupiter.api.Test;

/** A tiny end-to-end run: the tables have the measured rows and the tile counts of the tiling. */
class BenchmarksTest {

    @Test
    void methodsAndSizesTablesCountPriorCallsOfTheTiling() {
        BenchSettings s = new BenchSettings();
        s.sections = EnumSet.of(Section.METHODS, Section.SIZES);
        s.repeat = 1;
        s.sizes = List.of(32, 64);
        s.steps = List.of(2);
        List<String> log = new ArrayList<>();
        List<Table> tables;
        Benchmarks b;
        try (NDManager m = NDManager.newBaseManager();
                CompactModel c = CompactModel.create(CompactConfig.defaults(), 1)) {
            // 32x32 tiles, 32 channels, two levels: a few milliseconds per call.
            DiffusionPrior prior = Networks.adm(
                    new AdmConfig(32, 32, 1, "1,2", true, false, false, "16", 2, 8, -1, true, 0.0, true, false, false), m);
            b = new Benchmarks(s, prior, "tiny", c, "compact", log::add);
            tables = b.run();
        }
        assertEquals(List.of("Methods at 32x32 output, x4 (median of 1)", "Scaling with output size (interleaved, median of 1 rounds)",
                "Memory"), tables.stream().map(Table::title).toList());
        List<List<String>> methods = tables.get(0).rows();
        assertEquals(List.of("bicubic", "restore", "ddnm", "dadiff"), methods.stream().map(r -> r.get(0)).toList());
        // One 32x32 tile per step at the native size.
        assertEquals("1.00", methods.get(2).get(7));
        assertEquals("1.00", methods.get(3).get(7));
        List<List<String>> sizes = tables.get(1).rows();
        assertEquals(4, sizes.size());
        // Equal work per image: 1 + 1 x (64/32)^2 = 5 steps at 32, 2 at 64.
        assertEquals(List.of("5", "2", "5", "2"), sizes.stream().map(r -> r.get(2)).toList());
        // 64 = three tiles of 32 at stride 24 (overlap 8) per side: 9 prior calls per step.
        assertEquals(List.of("1.00", "9.00", "1.00", "9.00"), sizes.stream().map(r -> r.get(3)).toList());
        assertEquals("2.25", sizes.get(1).get(4), "tile coverage 9 x 32^2 / 64^2");
        assertEquals("1.00", sizes.get(0).get(11), "the first size against itself in the same round");
        // One warm-up round and one measured round, each running both methods at both sizes.
        assertEquals(8, log.stream().filter(l -> l.startsWith("bench:   round ")).count());
        assertEquals(List.of("start", "methods", "sizes"), tables.get(2).rows().stream().map(r -> r.get(0)).toList());
        assertTrue(b.verdicts().get(0).startsWith("Pipeline overhead per step <= 5% of network time: "));
        assertTrue(log.contains("bench: methods"));
    }

    @Test
    void equalWorkStepsScaleTheStepIntervalsWithTheInverseArea() {
        assertEquals(2, Benchmarks.equalWorkSteps(2, 1024, 1024));
        assertEquals(5, Benchmarks.equalWorkSteps(2, 1024, 512));
        assertEquals(17, Benchmarks.equalWorkSteps(2, 1024, 256));
        assertEquals(33, Benchmarks.equalWorkSteps(3, 1024, 256));
    }
}
