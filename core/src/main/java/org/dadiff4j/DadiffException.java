package org.dadiff4j;

import java.nio.file.Path;

/**
 * A problem the user can fix: bad input, a wrong model file, a full disk. The CLI prints its
 * message as one line and exits with code 2, without a stack trace (unless --verbose).
 *
 * <p>Messages name the file first, then the problem, so that a batch log can be grepped.
 */
public class DadiffException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DadiffException(String message) {
        super(printable(message));
    }

    public DadiffException(String message, Throwable cause) {
        super(printable(message), cause);
    }

    /**
     * The message on one line, without control characters: messages quote names and bytes from
     * files, and a hostile file must not be able to split a log line or send terminal escapes.
     */
    static String printable(String message) {
        if (message == null) {
            return null;
        }
        return message.replaceAll("[\\r\\n\\t]+", " ").replaceAll("[\\p{Cntrl}\\u0080-\\u009f\\u2028\\u2029\\u202a-\\u202e]", "?");
    }

    /** "{file}: {problem}". */
    public static DadiffException of(Path file, String problem) {
        return new DadiffException(file + ": " + problem);
    }

    /** "{file}: {problem}", keeping the cause for --verbose. */
    public static DadiffException of(Path file, String problem, Throwable cause) {
        return new DadiffException(file + ": " + problem, cause);
    }
}
