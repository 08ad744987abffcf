package org.dadiff4j;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** One-line, user-facing descriptions of I/O and decoder failures (no stack traces, no newlines). */
public final class Problems {

    private Problems() {}

    /** A one-line description of {@code e} for a user-facing message. */
    public static String describe(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "is a directory";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return oneLine(((FileSystemException) e).getReason());
        }
        String msg = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null) {
            msg = msg == null ? cause.getMessage() : msg + " (" + cause.getMessage() + ")";
        }
        return msg == null ? plainName(e) : withoutJavaNames(oneLine(msg));
    }

    /** {@code s} without the "java.io.EOFException: " style prefixes that decoders nest into messages. */
    public static String withoutJavaNames(String s) {
        String out = s.replaceAll("\\b(?:java|javax|sun|com\\.google\\.gson)\\.[\\w.$]+(?:Exception|Error): ?", "").trim();
        return out.isEmpty() ? s : out;
    }

    /** "end of file" for an EOFException without a message, and so on. */
    private static String plainName(Throwable e) {
        if (e instanceof java.io.EOFException) {
            return "unexpected end of file";
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory";
        }
        String n = e.getClass().getSimpleName().replaceAll("(Exception|Error)$", "");
        return n.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code s} with every run of whitespace (newlines included) collapsed to one space. */
    public static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
