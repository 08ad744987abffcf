package org.dadiff4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dadiff4j.models.compact.CompactConfig;
import org.dadiff4j.models.compact.CompactModel;
import org.dadiff4j.train.TrainData;
import org.dadiff4j.weights.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {

    @Test
    void emptyDataFolderExitsWithOneLine(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliTestSupport.Result r = CliTestSupport.run("train", "degradation", "--data", empty.toString(),
                "--output", dir.resolve("out").toString());
        assertEquals(2, r.code, r.toString());
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertTrue(r.err.startsWith("dadiff: ") && r.err.contains(empty.toString()), r.err);
    }

    @Test
    void eachTrainerKeepsItsOwnDefaults() {
        TrainCommand.Degradation d = parsed(TrainCommand.Degradation.class, "degradation");
        assertEquals(List.of(2000L, 8L, 500L, 250L, 1L), List.of(d.run.steps, (long) d.run.batch,
                d.run.checkpointEvery, d.shipped.valEvery, (long) d.shipped.workers));
        assertEquals(Path.of("runs/degradation"), d.run.out);
        assertEquals(1e-3, d.lr);
        TrainCommand.Prior p = parsed(TrainCommand.Prior.class, "prior");
        assertEquals(List.of(5000L, 8L, 500L), List.of(p.run.steps, (long) p.run.batch, p.run.checkpointEvery));
        assertEquals(Path.of("runs/prior"), p.run.out);
        assertEquals(2e-4, p.lr);
        TrainKernelCommand k = parsed(TrainKernelCommand.class, "kernel");
        assertEquals(List.of(10_000L, 16L, 1000L), List.of(k.run.steps, (long) k.run.batch, k.run.checkpointEvery));
        assertEquals(Path.of("runs/kernel"), k.run.out);
        assertEquals(0L, k.run.seed);
    }

    private static <T> T parsed(Class<T> type, String trainer) {
        CommandLine.ParseResult r = Main.newCommandLine().parseArgs("train", trainer, "--data", "x");
        return type.cast(r.subcommand().subcommand().commandSpec().userObject());
    }

    @Test
    void trainWithoutWhatIsAUsageError() {
        assertEquals(2, CliTestSupport.run("train").code);
    }

    @Test
    void tinyRunWritesHalfPrecisionModelLogsAndCheckpoints(@TempDir Path dir) throws Exception {
        Path data = TrainData.photos(dir.resolve("data"), 2, 1);
        Path config = dir.resolve("tiny.json");
        Files.writeString(config, "{\"channels\": 8, \"blocks\": 1, \"encoderChannels\": 8, \"encoderBlocks\": 1,"
                + " \"reprChannels\": 4, \"lqAtHrSize\": true}");
        Path out = dir.resolve("run");
        CliTestSupport.Result r = CliTestSupport.run("train", "degradation", "--data", data.toString(),
                "--val", data.toString(), "--config", config.toString(), "--scale", "2", "--crop", "16",
                "--batch", "2", "--steps", "3", "--val-every", "2", "--checkpoint-every", "2", "--fp16",
                "--output", out.toString());
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("step 2: validation psnr_restore "), r.out);
        assertTrue(r.out.contains("step 3: checkpoint"), r.out);
        assertTrue(Files.isRegularFile(out.resolve("checkpoints/step-000002.safetensors")));
        assertEquals(4, Files.readAllLines(out.resolve("loss.csv")).size());
        assertEquals(4, Files.readAllLines(out.resolve("val.csv")).size()); // header, steps 0, 2, 3
        String header = new String(Files.readAllBytes(out.resolve("model.safetensors")), 0, 300,
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("\"F16\"") && !header.contains("\"F32\""), header);
        try (CompactModel m = CompactModel.load(out.resolve("model"))) {
            // a config without "pooling" is read as an old model's (mean pooling)
            assertEquals(new CompactConfig(2, 8, 1, 8, 1, 4, true, true, false), m.config());
        }
        assertTrue(Safetensors.metadata(out.resolve("checkpoints/step-000003.safetensors"))
                .containsKey("dadiff.checkpoint"));
    }

    @Test
    void tinyPriorRunWritesALoadableHalfPrecisionPrior(@TempDir Path dir) throws Exception {
        Path data = TrainData.photos(dir.resolve("data"), 2, 1);
        Path config = dir.resolve("tiny.json");
        Files.writeString(config, "{\"image_size\": 64, \"num_channels\": 32, \"num_res_blocks\": 1,"
                + " \"channel_mult\": \"1,2\", \"attention_resolutions\": \"\", \"num_heads\": 2,"
                + " \"learn_sigma\": false, \"use_scale_shift_norm\": true}");
        Path out = dir.resolve("run");
        CliTestSupport.Result r = CliTestSupport.run("train", "prior", "--data", data.toString(),
                "--val", data.toString(), "--val-count", "2", "--config", config.toString(), "--crop", "16",
                "--batch", "2", "--steps", "3", "--val-every", "2", "--checkpoint-every", "2", "--fp16",
                "--output", out.toString());
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("step 2: validation mse_t100 "), r.out);
        assertTrue(r.out.contains("model: " + out.resolve("model.safetensors")), r.out);
        String header = new String(Files.readAllBytes(out.resolve("model.safetensors")), 0, 300,
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(header.contains("\"F16\"") && !header.contains("\"F32\""), header);
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            org.dadiff4j.models.DiffusionPrior prior = org.dadiff4j.models.load.Priors.load(
                    out.resolve("model.safetensors"), null, m);
            assertEquals(16, prior.imageSize(), "the crop is the image size");
        }
    }
}
