package io.javalived.healthcheck.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * UDP_CHECK on Netty: a connected datagram socket sends the payload; an ICMP port unreachable (seen as
 * PortUnreachableException on the connected socket) means down. Without require_reply, silence until
 * connect_timeout means up; with it, the reply must match.
 */
final class UdpProber {

    /** The checkers' Netty group, made when the first probe needs it. */
    private final Supplier<EventLoopGroup> group;

    UdpProber(Supplier<EventLoopGroup> group) {
        this.group = group;
    }

    CompletableFuture<CheckResult> probe(UdpProbe probe) {
        Connection c = probe.connection();
        Stopwatch watch = Stopwatch.start();
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        Bootstrap b = new Bootstrap().group(group.get()).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        var deadline = ch.eventLoop().schedule(() -> {
                            CheckResult r = probe.requireReply().isPresent()
                                    ? new CheckResult.Down(watch.elapsed(), new Failure.Timeout(Failure.Phase.REPLY))
                                    : CheckResult.Up.after(watch.elapsed());
                            result.complete(r);
                        }, c.timeout().toNanos(), TimeUnit.NANOSECONDS);
                        result.whenComplete((r, e) -> {
                            deadline.cancel(false);
                            ch.close();
                        });
                        ch.pipeline().addLast(new ReplyCheck(probe, watch, result));
                    }
                });
        ChannelFuture connect = c.local().map(local -> b.connect(c.target(), local)).orElseGet(() -> b.connect(c.target()));
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.complete(new CheckResult.Down(watch.elapsed(), Failures.of(f.cause(), Failure.Phase.CONNECT)));
                return;
            }
            Channel ch = f.channel();
            ch.writeAndFlush(Unpooled.wrappedBuffer(probe.payload())).addListener(w -> {
                if (!w.isSuccess()) {
                    result.complete(new CheckResult.Down(watch.elapsed(), Failures.of(w.cause(), Failure.Phase.REPLY)));
                }
            });
        });
        return result;
    }

    /** Whether a reply matches require_reply: hex digits compared nibble by nibble, X matches any nibble. */
    static boolean matches(byte[] reply, String pattern) {
        String hex = ByteBufUtil.hexDump(reply).toUpperCase(Locale.ROOT);
        String want = pattern.toUpperCase(Locale.ROOT);
        if (hex.length() < want.length()) {
            return false;
        }
        for (int i = 0; i < want.length(); i++) {
            char w = want.charAt(i);
            if (w != 'X' && w != hex.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static final class ReplyCheck extends SimpleChannelInboundHandler<DatagramPacket> {
        private final UdpProbe probe;
        private final Stopwatch watch;
        private final CompletableFuture<CheckResult> result;

        ReplyCheck(UdpProbe probe, Stopwatch watch, CompletableFuture<CheckResult> result) {
            this.probe = probe;
            this.watch = watch;
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            byte[] reply = ByteBufUtil.getBytes(packet.content());
            if (reply.length < probe.minReplyLength() || reply.length > probe.maxReplyLength()) {
                result.complete(new CheckResult.Down(watch.elapsed(), new Failure.BadReply("reply of " + reply.length
                        + " bytes, expected " + probe.minReplyLength() + ".." + probe.maxReplyLength())));
            } else if (probe.requireReply().isPresent() && !matches(reply, probe.requireReply().get())) {
                result.complete(new CheckResult.Down(watch.elapsed(), new Failure.BadReply("reply "
                        + ByteBufUtil.hexDump(reply) + " does not match " + probe.requireReply().get())));
            } else {
                result.complete(CheckResult.Up.after(watch.elapsed()));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.complete(new CheckResult.Down(watch.elapsed(), Failures.of(cause, Failure.Phase.REPLY)));
        }
    }
}
