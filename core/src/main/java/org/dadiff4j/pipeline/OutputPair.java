package org.dadiff4j.pipeline;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dadiff4j.AtomicFile;
import org.dadiff4j.DadiffException;
import org.dadiff4j.JsonFiles;

/**
 * An output image and its JSON sidecar, which appear together or not at all for a resumed batch:
 * both are written to synced temporary files first; then an old sidecar is removed, the image is
 * renamed into place and the sidecar last. A kill or a full disk at any point leaves either the old
 * complete pair, or an image without a sidecar, which {@link #isComplete} does not accept, so the
 * next run does it again.
 */
public final class OutputPair {

    private OutputPair() {}

    /** The sidecar of an output file: {@code NAME.json} beside it. */
    public static Path sidecarOf(Path image) {
        return image.resolveSibling(OutputNames.sidecar(image.getFileName().toString()));
    }

    /**
     * True when {@code image} and its sidecar are both there and the sidecar is a JSON object whose
     * "output" names the image: what a finished write leaves, and all that resume accepts.
     */
    public static boolean isComplete(Path image) {
        Path side = sidecarOf(image);
        if (!Files.isRegularFile(image) || !Files.isRegularFile(side)) {
            return false;
        }
        try {
            JsonElement out = JsonFiles.readObject(side, "sidecar").get("output");
            return out != null && out.isJsonPrimitive() && out.getAsString().equals(image.getFileName().toString());
        } catch (DadiffException e) {
            return false;
        }
    }

    /** The sidecar of {@code file}, when {@code file} is an output of this tool (a complete pair); else null. */
    public static JsonObject sidecarIfOutput(Path file) {
        return isComplete(file) ? JsonFiles.readObject(sidecarOf(file), "sidecar") : null;
    }

    /**
     * Puts a staged image and the sidecar bytes in place as a pair (see the class comment). On a
     * failure nothing new is left under the final names except possibly the image, without sidecar.
     */
    public static void commit(AtomicFile.Staged image, Path imagePath, byte[] sidecar) {
        Path side = sidecarOf(imagePath);
        try (AtomicFile.Staged json = AtomicFile.stage(side, out -> out.write(sidecar))) {
            try {
                Files.deleteIfExists(side);
            } catch (IOException e) {
                throw DadiffException.of(side, "cannot replace: " + org.dadiff4j.Problems.describe(e), e);
            }
            image.commit();
            json.commit();
        }
    }
}
