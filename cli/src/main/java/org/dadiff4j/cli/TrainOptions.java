package org.dadiff4j.cli;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The run options of every {@code dadiff train} trainer. The defaults that differ per trainer come
 * from the command's {@link Defaults} subclass, so that {@code --help} shows each trainer's own.
 */
final class TrainOptions {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "Training photos: a folder (searched recursively) or a file; repeatable.")
    List<Path> data;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", description = "Total steps (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed of all random draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(names = "--max-minutes", defaultValue = "0", paramLabel = "MIN",
            description = "Stop on a checkpoint before this much wall time has passed (0: no limit); "
                    + "--resume with that checkpoint continues the run exactly.")
    double maxMinutes;

    @Option(names = "--init", paramLabel = "MODEL",
            description = "Start a new run from these weights (a model file of the same architecture) "
                    + "instead of a random initialisation.")
    Path init;

    /** Options of the trainers that validate as they go and ship an EMA model (degradation, prior, kernel). */
    static final class Shipped {

        @Option(names = "--val-every", defaultValue = "250", paramLabel = "N",
                description = "Steps between validations (default: ${DEFAULT-VALUE}).")
        long valEvery;

        @Option(names = "--fp16", description = "Store the shipped weights as float16.")
        boolean fp16;

        @Option(names = "--workers", defaultValue = "1",
                description = "Threads making training samples (default: ${DEFAULT-VALUE}).")
        int workers;

        DataType storage() {
            return fp16 ? DataType.FLOAT16 : DataType.FLOAT32;
        }
    }

    /** A trainer's defaults of --steps, --batch and --checkpoint-every; --output is runs/ and the command's name. */
    abstract static class Defaults implements IDefaultValueProvider {
        private final Map<String, String> values;

        Defaults(long steps, int batch, long checkpointEvery) {
            values = Map.of("--steps", Long.toString(steps), "--batch", Integer.toString(batch),
                    "--checkpoint-every", Long.toString(checkpointEvery));
        }

        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec o)) {
                return null;
            }
            return o.longestName().equals("--output") ? "runs/" + arg.command().name() : values.get(o.longestName());
        }
    }
}
