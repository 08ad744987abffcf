package org.dadiff4j.spark;

import java.io.IOException;
import org.apache.spark.sql.SparkSession;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;
import picocli.CommandLine;

/**
 * {@code spark-submit --class org.dadiff4j.spark.SparkUpscale dadiff4j-spark.jar --input PATH --output PATH [options]}.
 * Exit codes as the command's: 0 every image written or already there, 2 a problem to fix (a bad
 * option, a missing input, a failed image), 1 a bug.
 */
public final class SparkUpscale {

    private SparkUpscale() {}

    public static void main(String[] args) {
        JobOptions options = new JobOptions();
        CommandLine cl = new CommandLine(options);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println("dadiff4j-spark: " + e.getMessage());
            cl.usage(System.err);
            System.exit(2);
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(System.out);
            return;
        }
        if (cl.isVersionHelpRequested()) {
            String v = SparkUpscale.class.getPackage().getImplementationVersion(); // from the jar's manifest
            System.out.println("dadiff4j-spark " + (v == null ? "(not run from its jar)" : v));
            return;
        }
        try {
            options.check(); // before Spark starts: a wrong option or model file costs no cluster time
        } catch (DadiffException e) {
            System.err.println("dadiff4j-spark: " + Problems.oneLine(e.getMessage()));
            System.exit(2);
        }
        SparkSession spark = SparkSession.builder().appName("dadiff4j upscale").getOrCreate();
        int code;
        try {
            Summary s = UpscaleJob.runChecked(spark, options);
            System.err.println(s);
            code = s.failed == 0 ? 0 : 2;
        } catch (DadiffException | IllegalArgumentException e) {
            System.err.println("dadiff4j-spark: " + Problems.oneLine(e.getMessage()));
            code = 2;
        } catch (IOException e) {
            System.err.println("dadiff4j-spark: " + Problems.describe(e));
            code = 2;
        } finally {
            spark.stop();
        }
        System.exit(code);
    }
}
