package org.dadiff4j.cli;

import java.util.concurrent.Callable;
import org.dadiff4j.DadiffException;
import picocli.CommandLine.Command;

/** {@code dadiff train}: Train the degradation-aware models, the kernel estimator or a prior. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train the degradation-aware models, the kernel estimator or a prior.")
final class TrainCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new DadiffException("'train' is not available in this build yet");
    }
}
