package org.dadiff4j.web;

/** A request the server refuses: its HTTP status and a message a person can act on. */
final class ApiException extends RuntimeException {

    final int status;
    final Integer retryAfter;

    ApiException(int status, String message) {
        this(status, message, null);
    }

    ApiException(int status, String message, Integer retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }
}
