package org.dadiff4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.dadiff4j.pipeline.Inputs;
import scala.Tuple2;

/**
 * The job on the driver: lists the images, spreads them evenly over the partitions, runs
 * {@link UpscaleTask} on each, writes the results table and returns the summary.
 */
final class UpscaleJob {

    /** Where task attempts write before renaming; deleted at the end of a job. */
    static final String TEMPORARY = "_temporary-dadiff4j";

    private UpscaleJob() {}

    /** Checks the options and the model files ({@link JobOptions#check}), then runs the job. */
    static Summary run(SparkSession spark, JobOptions options) throws IOException {
        options.check();
        return runChecked(spark, options);
    }

    /** The job, with options {@link JobOptions#check checked} before. */
    static Summary runChecked(SparkSession spark, JobOptions options) throws IOException {
        long t0 = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path inRoot = new Path(options.input);
        FileSystem inFs = inRoot.getFileSystem(conf);
        inRoot = inFs.makeQualified(inRoot);
        boolean inputIsFile;
        try {
            inputIsFile = inFs.getFileStatus(inRoot).isFile();
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException(options.input + ": no such file or folder");
        }
        Path outRoot = new Path(options.output);
        FileSystem outFs = outRoot.getFileSystem(conf);
        outRoot = outFs.makeQualified(outRoot);
        outFs.mkdirs(outRoot);
        Path temporary = new Path(outRoot, TEMPORARY + "/" + spark.sparkContext().applicationId());

        spark.sparkContext().setJobDescription("dadiff4j: list " + inRoot);
        JavaRDD<String> paths = listImages(spark, inRoot).persist(StorageLevel.MEMORY_AND_DISK());
        long images = paths.count();
        int partitions = (int) Math.max(1, options.partitions > 0 ? options.partitions
                : Math.min(images, 4L * spark.sparkContext().defaultParallelism()));
        // balanced by count: the i-th image (in path order) goes to partition i mod n
        JavaRDD<String> balanced = paths.zipWithIndex()
                .mapToPair(t -> new Tuple2<>(t._2() % partitions, t._1()))
                .partitionBy(new HashPartitioner(partitions))
                .values();

        UpscaleTask task = new UpscaleTask(options, inRoot, inputIsFile, outRoot, temporary, copy(conf));
        Dataset<Row> results = spark.createDataFrame(balanced.mapPartitions(task), Results.SCHEMA);
        Path table = new Path(outRoot, Results.FOLDER);
        spark.sparkContext().setJobDescription("dadiff4j: upscale " + images + " images in " + partitions + " partitions");
        try {
            results.write().mode(SaveMode.Overwrite).parquet(table.toString());
        } finally {
            spark.sparkContext().setJobDescription(null);
            paths.unpersist(false);
            outFs.delete(temporary, true);
            deleteIfEmpty(outFs, temporary.getParent()); // another job may be writing into the same folder

        }
        double wall = (System.nanoTime() - t0) / 1e9;
        return Summary.of(spark.read().parquet(table.toString()), wall, partitions, table.toString());
    }

    /** Every image below the root (recursively) with one of the command's extensions, in path order. */
    static JavaRDD<String> listImages(SparkSession spark, Path root) {
        String pattern = "\\.(" + String.join("|", Inputs.EXTENSIONS) + ")$";
        // only the path column is read: the content is opened by the task, which checks its size first
        Dataset<Row> files = spark.read().format("binaryFile")
                .option("recursiveFileLookup", "true")
                .load(root.toString())
                .select("path")
                .filter(lower(col("path")).rlike(pattern))
                .sort("path");
        return files.javaRDD().map(r -> r.getString(0));
    }

    private static void deleteIfEmpty(FileSystem fs, Path dir) {
        try {
            if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
                fs.delete(dir, false);
            }
        } catch (IOException e) {
            // left for the next job: it holds no output
        }
    }

    /** The driver's Hadoop settings (credentials, endpoints) for the tasks' file systems. */
    private static Map<String, String> copy(Configuration conf) {
        Map<String, String> m = new HashMap<>();
        conf.forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }
}
