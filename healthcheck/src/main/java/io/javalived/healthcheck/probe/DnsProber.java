package io.javalived.healthcheck.probe;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryEncoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.net.PortUnreachableException;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * DNS_CHECK on Netty's DNS codec: one query on a connected datagram socket. As keepalived: a response with
 * another id, or something that is not a response, is ignored and the wait goes on; a response whose rcode is
 * not NOERROR is a failure; so are silence until connect_timeout and an ICMP port unreachable.
 */
final class DnsProber {
    /** The checkers' Netty group, made when the first probe needs it. */
    private final Supplier<EventLoopGroup> group;

    DnsProber(Supplier<EventLoopGroup> group) {
        this.group = group;
    }

    CompletableFuture<CheckResult> probe(DnsProbe probe) {
        Connection c = probe.connection();
        Stopwatch watch = Stopwatch.start();
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        int id = ThreadLocalRandom.current().nextInt(1 << 16);
        Bootstrap b = new Bootstrap().group(group.get()).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        var deadline = ch.eventLoop().schedule(() -> result.complete(new CheckResult.Down(watch.elapsed(),
                                new Failure.Timeout(Failure.Phase.REPLY))), c.timeout().toNanos(), TimeUnit.NANOSECONDS);
                        result.whenComplete((r, e) -> {
                            deadline.cancel(false);
                            ch.close();
                        });
                        ch.pipeline().addLast(new DatagramDnsQueryEncoder(), new DatagramDnsResponseDecoder(),
                                new ResponseCheck(id, watch, result));
                    }
                });
        ChannelFuture connect = c.local().map(local -> b.connect(c.target(), local)).orElseGet(() -> b.connect(c.target()));
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.complete(new CheckResult.Down(watch.elapsed(), Failures.of(f.cause(), Failure.Phase.CONNECT)));
                return;
            }
            Channel ch = f.channel();
            DatagramDnsQuery query = new DatagramDnsQuery(null, c.target(), id).setRecursionDesired(true);
            query.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(probe.name(), DnsRecordType.valueOf(probe.type())));
            ch.writeAndFlush(query).addListener(w -> {
                if (!w.isSuccess()) {
                    result.complete(new CheckResult.Down(watch.elapsed(), Failures.of(w.cause(), Failure.Phase.REPLY)));
                }
            });
        });
        return result;
    }

    private static final class ResponseCheck extends SimpleChannelInboundHandler<DatagramDnsResponse> {
        private final int id;
        private final Stopwatch watch;
        private final CompletableFuture<CheckResult> result;

        ResponseCheck(int id, Stopwatch watch, CompletableFuture<CheckResult> result) {
            this.id = id;
            this.watch = watch;
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsResponse response) {
            if (response.id() != id) return; // not our query's answer: keep waiting
            DnsResponseCode code = response.code();
            result.complete(code.equals(DnsResponseCode.NOERROR) ? CheckResult.Up.after(watch.elapsed())
                    : new CheckResult.Down(watch.elapsed(), new Failure.BadReply("DNS rcode " + code.intValue() + " (" + code + ")")));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof PortUnreachableException) {
                result.complete(new CheckResult.Down(watch.elapsed(), new Failure.Refused()));
            }
            // anything else (a datagram that is not a DNS response, too short, a query): ignored, as keepalived does
        }
    }
}
