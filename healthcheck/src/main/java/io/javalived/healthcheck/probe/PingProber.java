package io.javalived.healthcheck.probe;

import io.javalived.ipvs.Addresses;
import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.ffm.NativeException;
import io.javalived.net.socket.IcmpSocket;
import io.netty.channel.EventLoopGroup;
import java.net.Inet6Address;
import java.util.function.Supplier;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PING_CHECK: ICMP echo requests on one raw socket per (family, bindto), shared by every ping check, with one
 * receiving thread each that matches replies to requests by identifier and sequence number. connect_timeout
 * bounds each probe (a timer on the checker loop); a send error (no route) is a failure at once. The socket is
 * opened by the first probe that needs it, on the caller's thread (so a caller inside a network namespace gets
 * a socket there).
 */
final class PingProber implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PingProber.class);
    private static final byte[] DATA = "javalived PING_CHECK".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private record SocketKey(boolean ipv6, Optional<InetAddress> local) {}

    private record Pending(CompletableFuture<CheckResult> result, Stopwatch watch, InetAddress target) {}

    /** The checkers' Netty group, made when the first probe needs it. */
    private final Supplier<EventLoopGroup> group;
    private final Map<SocketKey, Pinger> pingers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    PingProber(Supplier<EventLoopGroup> group) {
        this.group = group;
    }

    CompletableFuture<CheckResult> probe(PingProbe probe) {
        Connection c = probe.connection();
        Stopwatch watch = Stopwatch.start();
        InetAddress target = c.target().getAddress();
        SocketKey key = new SocketKey(target instanceof Inet6Address, c.bindAddress());
        if (c.bindAddress().isPresent() && (c.bindAddress().get() instanceof Inet6Address) != key.ipv6()) {
            return CompletableFuture.completedFuture(new CheckResult.Down(watch.elapsed(), new Failure.IoError(
                    "cannot open an ICMP socket for " + probe.describe() + ": bindto " + Addresses.toText(c.bindAddress().get())
                            + " is not of the target's family")));
        }
        Pinger pinger;
        try {
            pinger = pingers.computeIfAbsent(key, Pinger::new);
        } catch (NativeException | IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new CheckResult.Down(watch.elapsed(), new Failure.IoError(
                    "cannot open an ICMP socket for " + probe.describe() + ": " + e.getMessage()
                            + (e instanceof ErrnoException ee && ee.is(Errno.EPERM) ? " (PING_CHECK needs root or CAP_NET_RAW)" : ""))));
        }
        return pinger.ping(target, c.timeout(), watch);
    }

    @Override
    public void close() {
        closed = true;
        pingers.values().forEach(Pinger::close);
        pingers.clear();
    }

    /** One socket, its receiving thread and the requests awaiting a reply. */
    private final class Pinger {
        private final IcmpSocket socket;
        private final int identifier = ThreadLocalRandom.current().nextInt(1 << 16);
        private final AtomicInteger sequence = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 16));
        private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
        private final Thread receiver;

        Pinger(SocketKey key) {
            this.socket = IcmpSocket.open(key.ipv6(), key.local());
            this.receiver = Thread.ofPlatform().daemon().name("ping-check-" + (key.ipv6() ? "v6" : "v4")).start(this::receive);
        }

        CompletableFuture<CheckResult> ping(InetAddress target, Duration timeout, Stopwatch watch) {
            CompletableFuture<CheckResult> result = new CompletableFuture<>();
            int seq = sequence.getAndIncrement() & 0xffff;
            pending.put(seq, new Pending(result, watch, target));
            var deadline = group.get().next().schedule(() -> {
                if (pending.remove(seq) != null) {
                    result.complete(new CheckResult.Down(watch.elapsed(), new Failure.Timeout(Failure.Phase.REPLY)));
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            result.whenComplete((r, e) -> deadline.cancel(false));
            try {
                socket.send(target, IcmpEchoCodec.encode(new IcmpEcho(socket.ipv6(), IcmpEcho.Kind.REQUEST, identifier, seq, DATA)));
            } catch (ErrnoException e) {
                pending.remove(seq);
                Failure why = e.is(Errno.ENETUNREACH) || e.is(Errno.EHOSTUNREACH) || e.is(Errno.EADDRNOTAVAIL)
                        ? new Failure.Unreachable(e.getMessage()) : new Failure.IoError(e.getMessage());
                result.complete(new CheckResult.Down(watch.elapsed(), why));
            }
            return result;
        }

        private void receive() {
            while (!closed) {
                IcmpSocket.Received r;
                try {
                    r = socket.receive(Duration.ofMillis(500));
                } catch (RuntimeException e) {
                    if (!closed) log.warn("PING_CHECK: receiving ICMP replies failed: {}", e.getMessage());
                    return;
                }
                if (r == null) continue;
                IcmpEchoCodec.decode(r.message(), socket.ipv6())
                        .filter(echo -> echo.kind() == IcmpEcho.Kind.REPLY && echo.identifier() == identifier)
                        .ifPresent(echo -> {
                            Pending p = pending.get(echo.sequence());
                            // a reply from the target itself; anything else is someone else's echo
                            if (p != null && p.target().equals(r.source()) && pending.remove(echo.sequence(), p)) {
                                p.result().complete(CheckResult.Up.after(p.watch().elapsed()));
                            }
                        });
            }
        }

        void close() {
            socket.close();
            pending.values().forEach(p -> p.result().complete(new CheckResult.Down(p.watch().elapsed(),
                    new Failure.IoError("checker stopped"))));
        }
    }
}
