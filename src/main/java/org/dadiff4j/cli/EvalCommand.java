package org.dadiff4j.cli;

import java.util.concurrent.Callable;
import org.dadiff4j.DadiffException;
import picocli.CommandLine.Command;

/** {@code dadiff eval}: Compute PSNR, SSIM, NIQE and more; run methods on a test set. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Compute PSNR, SSIM, NIQE and more; run methods on a test set.")
final class EvalCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new DadiffException("'eval' is not available in this build yet");
    }
}
