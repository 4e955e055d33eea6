package io.javalived.healthcheck.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a network probe connects: the target (connect_ip/connect_port, else the real server's),
 * the optional local address (bindto, bind_port) and connect_timeout, which bounds the whole probe.
 */
public record Connection(InetSocketAddress target, Optional<InetAddress> bindAddress, int bindPort, Duration timeout) {

    public Connection {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (bindPort < 0 || bindPort > 65535) {
            throw new IllegalArgumentException("bind_port " + bindPort + " is not a port");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("connect_timeout must be positive, got " + timeout);
        }
    }

    public static Connection to(InetSocketAddress target, Duration timeout) {
        return new Connection(target, Optional.empty(), 0, timeout);
    }

    /** connect_timeout in whole milliseconds, at least 1 (Netty's CONNECT_TIMEOUT_MILLIS). */
    public int timeoutMillis() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** The local address to bind, or empty to let the kernel choose. */
    public Optional<InetSocketAddress> local() {
        if (bindAddress.isEmpty() && bindPort == 0) {
            return Optional.empty();
        }
        InetAddress address = bindAddress.orElseGet(() -> target.getAddress() instanceof java.net.Inet6Address
                ? new InetSocketAddress("::", 0).getAddress() : new InetSocketAddress("0.0.0.0", 0).getAddress());
        return Optional.of(new InetSocketAddress(address, bindPort));
    }

    /** keepalived's way of naming a target in logs: {@code [10.0.0.8]:tcp:80}. */
    public String describe(String protocol) {
        return "[" + target.getAddress().getHostAddress() + "]:" + protocol + ":" + target.getPort();
    }
}
