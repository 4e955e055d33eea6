package io.javalived.healthcheck.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.CompletableFuture;

/** TCP_CHECK on Netty: connect within connect_timeout, then close. */
final class TcpProber {

    private final Bootstrap bootstrap;

    TcpProber(EventLoopGroup group) {
        this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public boolean isSharable() {
                        return true;
                    }
                });
    }

    CompletableFuture<CheckResult> probe(TcpProbe probe) {
        Connection c = probe.connection();
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        Stopwatch watch = Stopwatch.start();
        Bootstrap b = bootstrap.clone().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis(c));
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

    static int timeoutMillis(Connection c) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, c.timeout().toMillis()));
    }
}
