package org.dadiff4j.cli;

import java.util.concurrent.Callable;
import org.dadiff4j.DadiffException;
import picocli.CommandLine.Command;

/** {@code dadiff degrade}: Synthesise realistic LR images from HR photos. */
@Command(name = "degrade", mixinStandardHelpOptions = true, description = "Synthesise realistic LR images from HR photos.")
final class DegradeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new DadiffException("'degrade' is not available in this build yet");
    }
}
