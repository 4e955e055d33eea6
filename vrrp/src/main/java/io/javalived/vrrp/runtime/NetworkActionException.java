package io.javalived.vrrp.runtime;

/** A side effect on the network (address, socket, frame) failed; the message names what and where. */
public class NetworkActionException extends RuntimeException {
    public NetworkActionException(String message, Throwable cause) {
        super(message, cause);
    }

    public NetworkActionException(String message) {
        super(message);
    }
}
