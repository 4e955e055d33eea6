package io.javalived.healthcheck.probe;

import io.netty.channel.ConnectTimeoutException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import javax.net.ssl.SSLException;

/** Maps socket exceptions to the {@link Failure} a user understands. */
final class Failures {

    private Failures() {
    }

    static Failure of(Throwable cause, Failure.Phase phase) {
        Throwable t = cause;
        while (t.getCause() != null && !(t instanceof ConnectException) && !(t instanceof SSLException)) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return switch (t) {
            case ConnectTimeoutException e -> new Failure.Timeout(Failure.Phase.CONNECT);
            case PortUnreachableException e -> new Failure.Refused();
            case NoRouteToHostException e -> new Failure.Unreachable(message);
            case BindException e -> new Failure.IoError("cannot bind the local address: " + message);
            case SSLException e -> new Failure.TlsFailure(message);
            case ConnectException e when message.startsWith("Connection refused") -> new Failure.Refused();
            case ConnectException e when message.contains("unreachable") -> new Failure.Unreachable(message);
            default -> new Failure.IoError(message);
        };
    }
}
