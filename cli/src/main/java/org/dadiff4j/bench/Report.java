package org.dadiff4j.bench;

import java.util.List;

/** The Markdown file of a benchmark run: how and where it ran, the tables, the verdicts on the targets. */
public final class Report {

    private Report() {}

    /**
     * @param command the exact command line
     * @param date when the run started (ISO-8601)
     * @param machine lines describing the machine and the engine settings
     */
    public static String markdown(String command, String date, List<String> machine, List<Table> tables,
            List<String> verdicts) {
        StringBuilder sb = new StringBuilder("# dadiff bench\n\n");
        sb.append("- date: ").append(date).append('\n');
        sb.append("- command: `").append(command).append("`\n");
        for (String m : machine) {
            sb.append("- ").append(m).append('\n');
        }
        sb.append('\n');
        for (Table t : tables) {
            sb.append(t.toMarkdown());
        }
        if (!verdicts.isEmpty()) {
            sb.append("### Targets\n\n");
            for (String v : verdicts) {
                sb.append("- ").append(v).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** nproc, CPU model, load average, Java, engine threads, OMP wait policy and malloc tunables. */
    public static List<String> machine(int engineThreads) {
        return List.of("nproc: " + java.lang.Runtime.getRuntime().availableProcessors(),
                "CPU: " + Proc.cpuModel(),
                "load average at start (1, 5, 15 min): " + Proc.loadAverage(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                        + "DJL 0.36.0, PyTorch 2.7.1 CPU",
                "intra-op threads: " + engineThreads + ", inter-op threads: 1, OMP_WAIT_POLICY="
                        + System.getenv("OMP_WAIT_POLICY"),
                "GLIBC_TUNABLES=" + System.getenv("GLIBC_TUNABLES"));
    }
}
