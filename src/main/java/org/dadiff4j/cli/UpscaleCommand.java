package org.dadiff4j.cli;

import java.util.concurrent.Callable;
import org.dadiff4j.DadiffException;
import picocli.CommandLine.Command;

/** {@code dadiff upscale}: the main job. */
@Command(name = "upscale", mixinStandardHelpOptions = true,
        description = "Upscale low-resolution images (files, folders or globs).")
final class UpscaleCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new DadiffException("'upscale' is not available in this build yet");
    }
}
