package org.dadiff4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.dadiff4j.DadiffException;
import org.dadiff4j.Problems;
import org.dadiff4j.api.Dadiff;
import org.dadiff4j.image.ImageFiles;
import org.dadiff4j.image.Picture;
import org.dadiff4j.image.WriteOptions;
import org.dadiff4j.pipeline.BatchRunner;
import org.dadiff4j.pipeline.ProgressListener;

/**
 * {@code dadiff upscale} with {@code -} for stdin or {@code -o -} for stdout: one image, no
 * sidecar, nothing but the image on stdout (messages go to stderr).
 */
final class Pipes {

    private Pipes() {}

    /** The output extension of a --format value. */
    static String extension(String format) {
        String extension = org.dadiff4j.pipeline.OutputNames.extensionOfFormat(format);
        if (extension == null) {
            throw new DadiffException("--format must be png, jpg or tif, got " + format);
        }
        return extension;
    }

    static int run(List<String> inputs, Path output, String format, WriteOptions options, Supplier<Dadiff> dadiff) {
        if (inputs.size() != 1) {
            throw new DadiffException("- (stdin) and -o - (stdout) take exactly one input, got " + inputs.size());
        }
        boolean toStdout = output.toString().equals("-");
        Path dir = null;
        try {
            dir = Files.createTempDirectory("dadiff-pipe");
            Path in;
            if (inputs.get(0).equals("-")) {
                byte[] bytes = System.in.readAllBytes();
                in = dir.resolve("stdin." + sniff(bytes));
                Files.write(in, bytes);
            } else {
                in = Path.of(inputs.get(0));
            }
            String ext = format != null ? extension(format) : BatchRunner.extensionFor(in);
            Path out;
            try (Dadiff d = dadiff.get()) {
                out = toStdout ? dir.resolve("stdout." + ext) : output.resolve(baseName(in) + "_x" + d.scale() + "." + ext);
                if (!toStdout) {
                    Files.createDirectories(output);
                }
                Picture hr = d.upscale(ImageFiles.read(in), d.settings().seed(), ProgressListener.NONE);
                ImageFiles.write(hr, out, options);
            }
            if (toStdout) {
                Files.copy(out, System.out);
                System.out.flush();
            } else {
                System.err.println("dadiff: written " + out);
            }
            return 0;
        } catch (IOException e) {
            throw new DadiffException("stdin/stdout: " + Problems.describe(e), e);
        } finally {
            deleteTree(dir);
        }
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** An extension the input finder and decoder accept, from the first bytes (the decoder checks the rest). */
    private static String sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
            return "jpg";
        }
        if (b.length >= 4 && (b[0] == 'I' && b[1] == 'I' || b[0] == 'M' && b[1] == 'M')) {
            return "tif";
        }
        if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') {
            return "bmp";
        }
        if (b.length >= 12 && b[0] == 'R' && b[8] == 'W') {
            return "webp";
        }
        return "png";
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
    }
}
