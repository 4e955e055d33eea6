package io.javalived.healthcheck.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.Inet6Address;
import java.util.function.Supplier;
import java.nio.channels.spi.SelectorProvider;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TCP_CHECK on Netty, the prober before {@link TcpProber}, kept as its twin for the shared behaviour tests and as a
 * fallback ({@code -Djavalived.tcp_check=netty}): connect within connect_timeout, then close. One bootstrap per (family, timeout),
 * reused by every probe; IPv4 targets get an AF_INET socket (not a dual-stack AF_INET6 one). The close
 * is abortive (SO_LINGER 0, a reset, as HAProxy's checks do): no TIME_WAIT piles up on the director at
 * thousands of checks a second, and the kernel skips the FIN exchange.
 */
final class NettyTcpProber {

    /** The checkers' Netty group, made when the first probe needs it. */
    private final Supplier<EventLoopGroup> group;
    private final Map<Long, Bootstrap> bootstraps = new ConcurrentHashMap<>();

    NettyTcpProber(Supplier<EventLoopGroup> group) {
        this.group = group;
    }

    private Bootstrap bootstrap(boolean ipv6, int timeoutMillis) {
        return bootstraps.computeIfAbsent((ipv6 ? 1L << 32 : 0L) | timeoutMillis, k -> {
            InternetProtocolFamily family = ipv6 ? InternetProtocolFamily.IPv6 : InternetProtocolFamily.IPv4;
            return new Bootstrap().group(group.get())
                    .channelFactory(() -> new NioSocketChannel(SelectorProvider.provider(), family))
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis)
                    .option(ChannelOption.SO_LINGER, 0)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public boolean isSharable() {
                            return true;
                        }
                    });
        });
    }

    CompletableFuture<CheckResult> probe(TcpProbe probe) {
        Connection c = probe.connection();
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        Stopwatch watch = Stopwatch.start();
        Bootstrap b = bootstrap(c.target().getAddress() instanceof Inet6Address, c.timeoutMillis());
        ChannelFuture connect = c.local().map(local -> b.connect(c.target(), local)).orElseGet(() -> b.connect(c.target()));
        connect.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                result.complete(CheckResult.Up.after(watch.elapsed()));
                f.channel().close();
            } else {
                result.complete(new CheckResult.Down(watch.elapsed(), Failures.of(f.cause(), Failure.Phase.CONNECT)));
            }
        });
        return result;
    }
}
