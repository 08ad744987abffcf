package org.dadiff4j;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The checks every file from outside passes before it is opened: it exists, is a regular file (a
 * FIFO or a device would block a reader forever or never end) and can be read. Each failure is a
 * one-line {@link DadiffException} naming the file and saying what it is instead.
 */
public final class InputFile {

    private InputFile() {}

    /**
     * Throws unless {@code file} is a readable regular file (symbolic links are followed).
     *
     * @param what what the file should be, for the message: "image", "model file", "config"
     */
    public static void require(Path file, String what) {
        if (!Files.exists(file)) {
            throw DadiffException.of(file, Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    ? "is a broken symbolic link" : "no such file");
        }
        if (Files.isDirectory(file)) {
            throw DadiffException.of(file, "is a folder, not " + article(what) + " " + what);
        }
        if (!Files.isRegularFile(file)) {
            throw DadiffException.of(file, "is not a regular file (a FIFO, device or socket), not "
                    + article(what) + " " + what);
        }
        if (!Files.isReadable(file)) {
            throw DadiffException.of(file, "permission denied");
        }
    }

    private static String article(String noun) {
        return "aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an" : "a";
    }
}
