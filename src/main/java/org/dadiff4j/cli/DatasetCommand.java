package org.dadiff4j.cli;

import java.util.concurrent.Callable;
import org.dadiff4j.DadiffException;
import picocli.CommandLine.Command;

/** {@code dadiff dataset}: Build HR crops and LR/HR pairs from folders of photos. */
@Command(name = "dataset", mixinStandardHelpOptions = true, description = "Build HR crops and LR/HR pairs from folders of photos.")
final class DatasetCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new DadiffException("'dataset' is not available in this build yet");
    }
}
