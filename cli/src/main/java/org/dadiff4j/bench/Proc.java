package org.dadiff4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What Linux's /proc says about the machine and this process; "?" where it cannot be read. */
public final class Proc {

    private Proc() {}

    /** Peak resident set size of this process so far (VmHWM), in MiB; -1 when unknown. */
    public static double peakRssMib() {
        return kib(read("/proc/self/status"), "VmHWM") / 1024.0;
    }

    /** Current resident set size (VmRSS), in MiB; -1 when unknown. */
    public static double rssMib() {
        return kib(read("/proc/self/status"), "VmRSS") / 1024.0;
    }

    /** The value in kB of a "{@code key}:   123 kB" line of a status text; -1024 when absent. */
    static long kib(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                String v = line.substring(key.length() + 1).trim();
                return Long.parseLong(v.split("\\s+")[0]);
            }
        }
        return -1024;
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    public static String loadAverage() {
        String[] f = read("/proc/loadavg").trim().split("\\s+");
        return f.length < 3 ? "?" : f[0] + " " + f[1] + " " + f[2];
    }

    /** The 1-minute load average, or NaN. */
    public static double load1() {
        try {
            return Double.parseDouble(loadAverage().split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The first "model name" of /proc/cpuinfo. */
    public static String cpuModel() {
        return cpuModel(read("/proc/cpuinfo"));
    }

    static String cpuModel(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "?";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
