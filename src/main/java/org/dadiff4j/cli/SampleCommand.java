package org.dadiff4j.cli;

import java.util.concurrent.Callable;
import org.dadiff4j.DadiffException;
import picocli.CommandLine.Command;

/** {@code dadiff sample}: Draw unconditional samples from a diffusion prior (sanity check). */
@Command(name = "sample", mixinStandardHelpOptions = true, description = "Draw unconditional samples from a diffusion prior (sanity check).")
final class SampleCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new DadiffException("'sample' is not available in this build yet");
    }
}
