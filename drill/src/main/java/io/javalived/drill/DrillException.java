package io.javalived.drill;

/** The drill could not go on; the message says why for a person. */
public final class DrillException extends RuntimeException {
    public DrillException(String message) {
        super(message);
    }

    public DrillException(String message, Throwable cause) {
        super(message, cause);
    }
}
