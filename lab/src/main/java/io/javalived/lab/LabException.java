package io.javalived.lab;

/** The lab could not do what was asked (a command failed, a namespace could not be made, the VM broke). */
public final class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
