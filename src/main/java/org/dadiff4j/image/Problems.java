package org.dadiff4j.image;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** One-line, user-facing descriptions of I/O and decoder failures (no stack traces, no newlines). */
final class Problems {

    private Problems() {}

    static String describe(Throwable e) {
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
        return msg == null ? e.getClass().getSimpleName() : oneLine(msg);
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
