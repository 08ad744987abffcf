package org.dadiff4j.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The results table, one row per input image, written as Parquet to {@code OUTPUT/results.parquet}
 * (a folder; Spark would ignore a name with a leading underscore when reading it back). No output can
 * land in it: outputs end with their suffix and an image extension, and an input folder of that name
 * gives failed rows.
 */
final class Results {

    static final String OK = "ok";
    static final String SKIPPED = "skipped";
    static final String FAILED = "failed";

    /** The folder of the table under the output folder. */
    static final String FOLDER = "results.parquet";

    static final StructType SCHEMA = new StructType()
            .add("input", DataTypes.StringType, false)
            .add("output", DataTypes.StringType, true)
            .add("status", DataTypes.StringType, false)
            .add("error", DataTypes.StringType, true)
            .add("seconds", DataTypes.DoubleType, false)
            .add("psnr_db", DataTypes.DoubleType, true)
            .add("sha256", DataTypes.StringType, true);

    private Results() {}

    /**
     * @param psnr input-consistency PSNR of the output (null: none, as for a failed image)
     * @param sha256 of the output file (null: none)
     */
    static Row row(String input, String output, String status, String error, double seconds, Double psnr, String sha256) {
        return RowFactory.create(input, output, status, error, seconds, psnr, sha256);
    }
}
