package org.dadiff4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** What a job did: counts by status, wall time, and time per image. */
final class Summary {

    final long ok;
    final long skipped;
    final long failed;
    /** Sum of the rows' seconds: the work the tasks did. */
    final double taskSeconds;
    final double wallSeconds;
    final int partitions;
    final String table;

    private Summary(long ok, long skipped, long failed, double taskSeconds, double wallSeconds, int partitions, String table) {
        this.ok = ok;
        this.skipped = skipped;
        this.failed = failed;
        this.taskSeconds = taskSeconds;
        this.wallSeconds = wallSeconds;
        this.partitions = partitions;
        this.table = table;
    }

    static Summary of(Dataset<Row> results, double wallSeconds, int partitions, String table) {
        Map<String, long[]> n = new HashMap<>();
        Map<String, Double> s = new HashMap<>();
        for (Row r : results.groupBy(col("status")).agg(count("*"), sum("seconds")).collectAsList()) {
            n.put(r.getString(0), new long[] {r.getLong(1)});
            s.put(r.getString(0), r.isNullAt(2) ? 0 : r.getDouble(2));
        }
        double task = s.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Summary(get(n, Results.OK), get(n, Results.SKIPPED), get(n, Results.FAILED), task, wallSeconds,
                partitions, table);
    }

    private static long get(Map<String, long[]> n, String status) {
        long[] v = n.get(status);
        return v == null ? 0 : v[0];
    }

    long images() {
        return ok + skipped + failed;
    }

    @Override
    public String toString() {
        long all = images();
        return String.format(Locale.ROOT,
                "dadiff4j-spark: %d images: %d written, %d skipped (already there), %d failed; %d partitions;%n"
                        + "  wall %.1f s (%.2f s per image, %.1f images per minute); task time %.1f s (%.2f s per image written);%n"
                        + "  results in %s",
                all, ok, skipped, failed, partitions,
                wallSeconds, all == 0 ? 0 : wallSeconds / all, wallSeconds == 0 ? 0 : all * 60 / wallSeconds,
                taskSeconds, ok == 0 ? 0 : taskSeconds / ok, table);
    }
}
