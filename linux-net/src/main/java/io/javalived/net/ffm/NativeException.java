package io.javalived.net.ffm;

/** A call into the kernel failed. Unchecked: callers decide which failures are user errors. */
public class NativeException extends RuntimeException {
    public NativeException(String message) {
        super(message);
    }

    public NativeException(String message, Throwable cause) {
        super(message, cause);
    }
}
