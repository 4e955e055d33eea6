package io.javalived.healthcheck.probe;

import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.Libc;
import io.netty.channel.ConnectTimeoutException;
import java.net.InetSocketAddress;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import javax.net.ssl.SSLException;

/**
 * Maps socket exceptions, and the errno of a connect (linux-net's sockets), to the {@link Failure} a user understands.
 * Both give the same failure for the same kernel answer, so a log line does not depend on the prober.
 */
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

    /**
     * The failure of a connect that ended with {@code errno} (synchronously, or SO_ERROR after the handshake), as the
     * JDK's socket channels report it and {@link #of} maps their exceptions: ECONNREFUSED is refused, EHOSTUNREACH
     * (NoRouteToHostException) unreachable, EADDRINUSE/EADDRNOTAVAIL/EACCES (BindException) a local address that
     * cannot be bound, ETIMEDOUT/ENOTCONN (ConnectException, which Netty annotates with the target) and the rest an
     * I/O error with the C library's text.
     */
    static Failure ofConnectErrno(int errno, InetSocketAddress target) {
        Errno e = Errno.of(errno);
        String message = Libc.strerror(errno);
        if (e == null) {
            return new Failure.IoError(message);
        }
        return switch (e) {
            case ECONNREFUSED -> new Failure.Refused();
            case EHOSTUNREACH -> new Failure.Unreachable(message);
            case EADDRINUSE, EADDRNOTAVAIL, EACCES -> new Failure.IoError("cannot bind the local address: " + message);
            case ETIMEDOUT, ENOTCONN -> new Failure.IoError(message + ": " + target);
            default -> new Failure.IoError(message);
        };
    }
}
