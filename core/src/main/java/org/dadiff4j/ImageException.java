package org.dadiff4j;

/** An image cannot be read or written: corrupt, truncated, unsupported, too small or too large, disk full. */
public class ImageException extends DadiffException {

    private static final long serialVersionUID = 1L;

    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
