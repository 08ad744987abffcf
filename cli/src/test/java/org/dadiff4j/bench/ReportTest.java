package org.dadiff4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Markdown writer and the /proc parsers. */
class ReportTest {

    @Test
    void tableWritesHeaderSeparatorAndMeasuredRows() {
        Table t = new Table("Forwards", "network", "forward (s)", "runs")
                .row("adm", 0.12345, 3)
                .row("big", 37.71, 1)
                .row("none", Double.NaN, 0)
                .note("median of runs");
        String md = t.toMarkdown();
        List<String> lines = md.lines().toList();
        assertEquals("### Forwards", lines.get(0));
        assertEquals("| network | forward (s) | runs |", lines.get(2));
        assertEquals("|---|---|---|", lines.get(3));
        assertEquals("| adm | 0.123 | 3 |", lines.get(4));
        assertEquals("| big | 37.7 | 1 |", lines.get(5));
        assertEquals("| none | - | 0 |", lines.get(6));
        assertTrue(md.contains("\nmedian of runs\n"));
        assertEquals(3, t.rows().size());
        assertThrows(IllegalArgumentException.class, () -> t.row("too few"));
    }

    @Test
    void numbersKeepAboutThreeSignificantDigits() {
        assertEquals("1234", Table.number(1234.4));
        assertEquals("12.3", Table.number(12.34));
        assertEquals("1.23", Table.number(1.234));
        assertEquals("0.0123", Table.number(0.012345));
        assertEquals("0.00123", Table.number(0.0012345));
        assertEquals("0.00", Table.number(0));
        assertEquals("-5.00", Table.number(-5));
    }

    @Test
    void reportHasCommandMachineTablesAndVerdicts() {
        String md = Report.markdown("dadiff bench --repeat 1", "2026-01-02T03:04:05", List.of("nproc: 2"),
                List.of(new Table("T", "a").row(1.5)), List.of("overhead met"));
        assertTrue(md.startsWith("# dadiff bench\n"));
        assertTrue(md.contains("- command: `dadiff bench --repeat 1`\n"));
        assertTrue(md.contains("- date: 2026-01-02T03:04:05\n- command"));
        assertTrue(md.contains("- nproc: 2\n"));
        assertTrue(md.contains("| 1.50 |\n"));
        assertTrue(md.contains("### Targets\n\n- overhead met\n"));
    }

    @Test
    void procParsersReadStatusAndCpuinfo() {
        String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  1024 kB\n";
        assertEquals(204800, Proc.kib(status, "VmHWM"));
        assertEquals(1024, Proc.kib(status, "VmRSS"));
        assertEquals(-1024, Proc.kib(status, "VmSwap"));
        assertEquals("Intel(R) Xeon(R) Processor",
                Proc.cpuModel("processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Processor\n"));
        assertEquals("?", Proc.cpuModel(""));
        double rss = Proc.rssMib();
        assertTrue(Proc.peakRssMib() >= rss, "the peak so far is at least an earlier resident size");
    }
}
