package org.dadiff4j.fuzz;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dadiff4j.DadiffException;

/**
 * Runs one reader on one fuzzed input and checks the campaign's property: the reader returns a
 * result or throws a {@link DadiffException} whose message is one line naming the file, without
 * the JVM's wording; it never throws anything else, never runs past {@link #TIME_BOUND_S}
 * seconds, and never allocates more than its bound (measured on the thread that reads).
 * Counts per reader go to {@code target/fuzz/READER.txt} for docs/reliability.md.
 */
public final class FuzzHarness {

    /** Time bound of one case. */
    public static final long TIME_BOUND_S = 20;

    /** What a reader does with a file. */
    public interface Reader {
        Object read(Path file) throws Exception;
    }

    /** Counters of one reader. */
    static final class Stats {
        long cases;
        long valid;
        long refused;
        long maxAllocated;
        long maxNanos;
        long totalNanos;
        final long started = System.nanoTime();
        final Map<String, Integer> reasons = new ConcurrentHashMap<>();
    }

    private static final Map<String, Stats> STATS = new ConcurrentHashMap<>();
    private static ExecutorService worker = newWorker();
    private static Path dir;

    private FuzzHarness() {}

    /**
     * Writes {@code input} to a file named {@code name} and checks {@code reader} on it.
     *
     * @param allocationBound bytes the reading thread may allocate
     * @return an error describing the violation, or null when the property holds
     */
    public static synchronized String check(String readerName, String name, byte[] input, long allocationBound,
            Reader reader) throws IOException {
        Path file = workDir().resolve(name);
        Files.write(file, input);
        Stats st = STATS.computeIfAbsent(readerName, k -> new Stats());
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Future<Object[]> f = worker.submit(() -> {
            long a0 = mx.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            Object result;
            try {
                result = reader.read(file);
            } catch (Throwable e) {
                result = e;
            }
            return new Object[] {result, mx.getCurrentThreadAllocatedBytes() - a0, System.nanoTime() - t0};
        });
        Object[] out;
        try {
            out = f.get(TIME_BOUND_S, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker = newWorker(); // the hung thread cannot be stopped; the next cases get a fresh one
            return "no answer within " + TIME_BOUND_S + " s";
        } catch (InterruptedException | ExecutionException e) {
            return "harness: " + e;
        }
        long allocated = (Long) out[1];
        long nanos = (Long) out[2];
        st.cases++;
        st.maxAllocated = Math.max(st.maxAllocated, allocated);
        st.maxNanos = Math.max(st.maxNanos, nanos);
        st.totalNanos += nanos;
        String violation = classify(st, out[0], file, allocated, allocationBound);
        if (st.cases % 5000 == 0) {
            writeStats(); // a long campaign's counts survive an interruption
        }
        return violation;
    }

    private static String classify(Stats st, Object result, Path file, long allocated, long allocationBound) {
        if (allocated > allocationBound) {
            return "allocated " + allocated + " bytes (bound " + allocationBound + ")";
        }
        if (result instanceof DadiffException) {
            String m = ((DadiffException) result).getMessage();
            st.refused++;
            st.reasons.merge(reason(m, file), 1, Integer::sum);
            if (m == null || !m.contains(file.toString()) || m.contains("\n") || m.contains("java.")
                    || m.contains("Exception") || m.length() > 2000) {
                return "user error without the file, on several lines or with JVM wording: " + m;
            }
            return null;
        }
        if (result instanceof Throwable) {
            Throwable t = (Throwable) result;
            java.io.StringWriter sw = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(sw));
            String trace = sw.toString();
            return t + " at " + trace.substring(0, Math.min(trace.length(), 1500));
        }
        st.valid++;
        return null;
    }

    /**
     * One case of a property: seed {@code pick} (modulo the seeds) of {@code seeds}, mutated by
     * {@code choice} (one case in 64 runs the seed as it is), checked by {@link #check}; a violation
     * fails the property with what reproduces it.
     */
    public static void fuzz(String reader, String name, List<byte[]> seeds, int pick, long choice,
            java.util.function.LongUnaryOperator allocationBound, Reader read) throws IOException {
        byte[] seed = seeds.get(pick % seeds.size());
        StringBuilder log = new StringBuilder();
        byte[] input = choice % 64 == 0 ? seed : Mutator.mutate(seed, choice, log);
        String err = check(reader, name, input, allocationBound.applyAsLong(input.length), read);
        org.junit.jupiter.api.Assertions.assertNull(err,
                () -> reader + " seed " + pick % seeds.size() + ", mutation " + choice + " (" + log + "): " + err);
    }

    /** Adds the files of ../shared at {@code paths} under 1 MiB, where ../shared is present. */
    public static void addShared(List<byte[]> seeds, String... paths) throws IOException {
        Path root = org.dadiff4j.testutil.SharedData.root();
        if (root == null) {
            return;
        }
        for (String p : paths) {
            Path f = root.resolve(p);
            if (Files.isRegularFile(f) && Files.size(f) < 1 << 20) {
                seeds.add(Files.readAllBytes(f));
            }
        }
    }

    /** The message without the file and numbers, to count distinct kinds of refusal. */
    private static String reason(String m, Path file) {
        String s = m == null ? "null" : m.replace(file.toString(), "FILE").replaceAll("\\d+", "N");
        return s.length() > 90 ? s.substring(0, 90) : s;
    }

    /** Writes every reader's counters to target/fuzz/READER.txt. */
    public static synchronized void writeStats() throws IOException {
        Path out = Files.createDirectories(Paths.get("target", "fuzz"));
        for (Map.Entry<String, Stats> e : STATS.entrySet()) {
            Stats s = e.getValue();
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("reader %s%ncases %d%nvalid %d%nrefused %d%nkinds_of_refusal %d%n"
                    + "max_allocated_mb %.1f%nmax_case_ms %.1f%ntotal_read_s %.1f%nwall_s %.0f%n", e.getKey(), s.cases,
                    s.valid, s.refused, s.reasons.size(), s.maxAllocated / 1048576.0, s.maxNanos / 1e6,
                    s.totalNanos / 1e9, (System.nanoTime() - s.started) / 1e9));
            s.reasons.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(15)
                    .forEach(r -> sb.append("  ").append(r.getValue()).append("  ").append(r.getKey()).append('\n'));
            Files.writeString(out.resolve(e.getKey() + ".txt"), sb.toString(), StandardCharsets.UTF_8);
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-reader");
            t.setDaemon(true);
            return t;
        });
    }

    private static Path workDir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("dadiff-fuzz");
            dir.toFile().deleteOnExit();
        }
        return dir;
    }
}
