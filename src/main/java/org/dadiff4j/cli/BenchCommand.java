package org.dadiff4j.cli;

import java.util.concurrent.Callable;
import org.dadiff4j.DadiffException;
import picocli.CommandLine.Command;

/** {@code dadiff bench}: Measure speed and memory of networks and the pipeline. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed and memory of networks and the pipeline.")
final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new DadiffException("'bench' is not available in this build yet");
    }
}
