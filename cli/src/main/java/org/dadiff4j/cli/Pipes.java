package org.dadiff4j.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.dadiff4j.AtomicFile;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;
import org.dadiff4j.api.Dadiff;
import org.dadiff4j.pipeline.BatchRunner;

/**
 * {@code dadiff upscale} with {@code -} for stdin or {@code -o -} for stdout: one image, no
 * sidecar, nothing but the image on stdout (messages go to stderr).
 */
final class Pipes {

    private Pipes() {}

    /** The output extension of a --format value. */
    static String extension(String format) {
        return org.dadiff4j.pipeline.OutputFormat.of(format, 0, org.dadiff4j.pipeline.Defaults.JPEG_QUALITY).extension();
    }

    static int run(List<String> inputs, Path output, String format, Supplier<Dadiff> dadiff) {
        if (inputs.size() != 1) {
            throw new DadiffException("- (stdin) and -o - (stdout) take exactly one input, got " + inputs.size());
        }
        boolean fromStdin = inputs.get(0).equals("-");
        try (InputStream in = new BufferedInputStream(fromStdin ? System.in : Files.newInputStream(Path.of(inputs.get(0))));
                Dadiff d = dadiff.get()) {
            String ext = format != null ? extension(format)
                    : fromStdin ? sniff(in) : BatchRunner.extensionFor(Path.of(inputs.get(0)));
            if (output.toString().equals("-")) {
                d.upscale(in, System.out, ext);
                return 0;
            }
            String name = fromStdin ? "stdin" : baseName(Path.of(inputs.get(0)));
            Path out = output.resolve(name + "_x" + d.scale() + "." + ext);
            Files.createDirectories(output);
            AtomicFile.write(out, o -> d.upscale(in, o, ext));
            System.err.println("dadiff: written " + out);
            return 0;
        } catch (IOException e) {
            throw new DadiffException((fromStdin ? "stdin" : inputs.get(0)) + ": " + Problems.describe(e), e);
        }
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** The format of the image on a stream, from its first bytes (jpg, tif, else png), which stay unread. */
    private static String sniff(InputStream in) throws IOException {
        in.mark(4);
        byte[] b = in.readNBytes(4);
        in.reset();
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
            return "jpg";
        }
        if (b.length >= 2 && (b[0] == 'I' && b[1] == 'I' || b[0] == 'M' && b[1] == 'M')) {
            return "tif";
        }
        return "png";
    }
}
