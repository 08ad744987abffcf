package org.dadiff4j;

/** A model is missing, unreadable, refused (it would run code) or of the wrong kind or scale. */
public class ModelException extends DadiffException {

    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
