package org.dadiff4j.spark;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;
import org.dadiff4j.api.Dadiff;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;
import org.dadiff4j.pipeline.Consistency;
import org.dadiff4j.pipeline.InputCheck;
import org.dadiff4j.pipeline.OutputNames;
import org.dadiff4j.pipeline.ProgressListener;
import org.dadiff4j.pipeline.Resume;
import org.dadiff4j.pipeline.Sidecar;

/**
 * One partition of images, on an executor: each image is skipped where its output is already there
 * with the same settings, seed and models (the command's resume), else read, upscaled and written
 * with its sidecar; each gives one results row. A problem with an image (corrupt, too small, over
 * the pixel limit) fails its row and the partition goes on. A problem with the file systems (an
 * unreachable store, a full disk) fails the task, which Spark retries: the retry skips the images
 * finished before, and the temporary files of the dead attempt are under its own folder, never in
 * the output's place.
 */
final class UpscaleTask implements FlatMapFunction<Iterator<String>, Row> {

    private static final long serialVersionUID = 1L;

    /** Test-only switch, a local property of the submitting thread: the partition whose first attempt dies. */
    static final String FAIL_PARTITION = "dadiff4j.test.failPartition";

    private final JobOptions options;
    private final String inputRoot;
    private final boolean inputIsFile;
    private final String outputRoot;
    private final String temporaryRoot;
    private final Map<String, String> hadoopConf;

    UpscaleTask(JobOptions options, Path inputRoot, boolean inputIsFile, Path outputRoot, Path temporaryRoot,
            Map<String, String> hadoopConf) {
        this.options = options;
        this.inputRoot = inputRoot.toString();
        this.inputIsFile = inputIsFile;
        this.outputRoot = outputRoot.toString();
        this.temporaryRoot = temporaryRoot.toString();
        this.hadoopConf = hadoopConf;
    }

    @Override
    public Iterator<Row> call(Iterator<String> inputs) throws IOException {
        List<String> paths = new ArrayList<>();
        inputs.forEachRemaining(paths::add);
        List<Row> rows = new ArrayList<>();
        if (paths.isEmpty()) {
            return rows.iterator();
        }
        TaskContext task = TaskContext.get();
        int threads = Math.max(1, task.cpus());
        Configuration conf = new Configuration(false);
        hadoopConf.forEach(conf::set);
        Path out = new Path(outputRoot);
        FileSystem outFs = withoutChecksums(out.getFileSystem(conf));
        Path attemptDir = new Path(temporaryRoot, "p" + task.partitionId() + "-a" + task.attemptNumber() + "-" + task.taskAttemptId());
        boolean failHere = String.valueOf(task.partitionId()).equals(task.getLocalProperty(FAIL_PARTITION))
                && task.attemptNumber() == 0;
        Dadiff dadiff = ModelPool.borrow(options, threads);
        try {
            Context c = new Context(dadiff, conf, outFs, out, attemptDir);
            for (int i = 0; i < paths.size(); i++) {
                // the injected death comes once an image is finished, halfway through the next one's files
                c.failAfterOutput = failHere && (i == 1 || paths.size() == 1);
                rows.add(one(paths.get(i), c));
            }
        } finally {
            ModelPool.release(options, threads, dadiff);
        }
        outFs.delete(attemptDir, true);
        return rows.iterator();
    }

    /** What the images of one task share. */
    private static final class Context {
        final Dadiff dadiff;
        final Configuration conf;
        final FileSystem outFs;
        final Path out;
        final Path attemptDir;
        final JsonObject settings;
        boolean failAfterOutput;

        Context(Dadiff dadiff, Configuration conf, FileSystem outFs, Path out, Path attemptDir) {
            this.dadiff = dadiff;
            this.conf = conf;
            this.outFs = outFs;
            this.out = out;
            this.attemptDir = attemptDir;
            this.settings = Sidecar.settingsJson(dadiff.settings().describe());
        }
    }

    private Row one(String input, Context c) throws IOException {
        long t0 = System.nanoTime();
        Path in = new Path(input);
        String outName = options.outputName(relativeName(in), in.getName());
        Path target = new Path(c.out, outName);
        Path sidecar = new Path(c.out, OutputNames.sidecar(outName));
        if (outName.startsWith(Results.FOLDER + "/")) {
            return Results.row(input, null, Results.FAILED, input + ": its output would be inside the results table "
                    + Results.FOLDER + "; rename the input folder", seconds(t0), null, null);
        }
        if (!options.overwrite && c.outFs.exists(target)) {
            String text = HadoopFiles.readText(c.outFs, sidecar);
            String stale = Resume.staleReason(text, sidecar.getName(), c.settings, options.seed, c.dadiff.modelHashes().values());
            if (stale == null) {
                return Results.row(input, target.toString(), Results.SKIPPED, null, seconds(t0), psnrOf(text),
                        HadoopFiles.sha256(c.outFs, target));
            }
        }
        java.nio.file.Path local = Files.createTempDirectory("dadiff4j-task");
        java.nio.file.Path localIn = local.resolve(in.getName());
        try {
            FileSystem inFs = in.getFileSystem(c.conf);
            try (InputStream s = inFs.open(in)) {
                Files.copy(s, localIn);
            }
            String tooLarge = PixelLimit.check(localIn, input, options.maxPixels);
            if (tooLarge != null) {
                return Results.row(input, null, Results.FAILED, tooLarge, seconds(t0), null, null);
            }
            long t1 = System.nanoTime();
            Picture lr = ImageFiles.read(localIn);
            InputCheck.check(input, lr, options.scale);
            long t2 = System.nanoTime();
            Picture hr = c.dadiff.upscale(lr, options.seed, ProgressListener.NONE);
            long t3 = System.nanoTime();
            java.nio.file.Path localOut = local.resolve("output." + extension(outName));
            ImageFiles.write(hr, localOut, options.writeOptions());
            String sha256;
            try (InputStream s = Files.newInputStream(localOut)) {
                sha256 = HadoopFiles.sha256(s);
            }
            double psnr = Consistency.psnr(hr, lr);
            byte[] json = Sidecar.json(input, target.getName(), lr, hr, options.seed, c.settings, c.dadiff.modelHashes(),
                    new double[] {(t2 - t1) / 1e9, (t3 - t2) / 1e9, (System.nanoTime() - t3) / 1e9}, psnr);
            // the output first, the sidecar last: an output without its sidecar is made again by a rerun
            Path tmp = new Path(c.attemptDir, outName);
            HadoopFiles.writeTemporary(c.outFs, tmp, o -> Files.copy(localOut, o));
            HadoopFiles.commit(c.outFs, tmp, target);
            Path tmpSidecar = new Path(c.attemptDir, OutputNames.sidecar(outName));
            HadoopFiles.writeTemporary(c.outFs, tmpSidecar, o -> o.write(json));
            if (c.failAfterOutput) {
                throw new IllegalStateException("injected failure of the first attempt of partition "
                        + TaskContext.getPartitionId() + " (" + FAIL_PARTITION + ", tests only)");
            }
            HadoopFiles.commit(c.outFs, tmpSidecar, sidecar);
            return Results.row(input, target.toString(), Results.OK, null, seconds(t0),
                    Double.isInfinite(psnr) ? 999.0 : psnr, sha256);
        } catch (DadiffException e) {
            String message = Problems.oneLine(e.getMessage()).replace(localIn.toString(), input);
            return Results.row(input, null, Results.FAILED, message, seconds(t0), null, null);
        } finally {
            deleteTree(local);
        }
    }

    /** The local file system's .crc side files would sit beside every output; the outputs carry a SHA-256 anyway. */
    private static FileSystem withoutChecksums(FileSystem fs) {
        return fs instanceof ChecksumFileSystem ? ((ChecksumFileSystem) fs).getRawFileSystem() : fs;
    }

    /** The input's name below the input folder, as the command names a folder's images. */
    private String relativeName(Path in) {
        if (inputIsFile) {
            return OutputNames.stem(in.getName());
        }
        String root = new Path(inputRoot).toUri().getPath();
        String path = in.toUri().getPath();
        String rel = path.startsWith(root + "/") ? path.substring(root.length() + 1) : in.getName();
        return OutputNames.stem(rel);
    }

    private static String extension(String outName) {
        return outName.substring(outName.lastIndexOf('.') + 1);
    }

    private static Double psnrOf(String sidecar) {
        try {
            return JsonParser.parseString(sidecar).getAsJsonObject().get("input_consistency_psnr_db").getAsDouble();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void deleteTree(java.nio.file.Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
    }
}
