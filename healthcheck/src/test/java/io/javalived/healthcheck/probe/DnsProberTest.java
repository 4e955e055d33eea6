package io.javalived.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DNS_CHECK against DNS servers this test runs on loopback (Netty's DNS codec on the server side). */
class DnsProberTest {
    static CheckerLoop loop;
    static Prober prober;
    static NioEventLoopGroup serverGroup;

    @BeforeAll
    static void start() {
        loop = new CheckerLoop(1);
        prober = loop.prober();
        serverGroup = new NioEventLoopGroup(1);
    }

    @AfterAll
    static void stop() {
        loop.close();
        serverGroup.shutdownGracefully().syncUninterruptibly();
    }

    /** What the server does with a query: the responses to send (in order), possibly none. */
    record Heard(int id, boolean recursionDesired, String name, String type) {}

    static final class Server implements AutoCloseable {
        final Channel channel;
        final List<Heard> heard = new CopyOnWriteArrayList<>();

        Server(Function<DatagramDnsQuery, List<DatagramDnsResponse>> answer) {
            channel = new Bootstrap().group(serverGroup).channel(NioDatagramChannel.class)
                    .handler(new ChannelInitializer<DatagramChannel>() {
                        @Override
                        protected void initChannel(DatagramChannel ch) {
                            ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                                    new SimpleChannelInboundHandler<DatagramDnsQuery>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery q) {
                                            DnsQuestion question = q.recordAt(DnsSection.QUESTION);
                                            heard.add(new Heard(q.id(), q.isRecursionDesired(), question.name(), question.type().name()));
                                            answer.apply(q).forEach(ctx::writeAndFlush);
                                        }
                                    });
                        }
                    }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
        }

        static DatagramDnsResponse response(DatagramDnsQuery q, int id, DnsResponseCode code) {
            DatagramDnsResponse r = new DatagramDnsResponse(q.recipient(), q.sender(), id).setCode(code);
            r.addRecord(DnsSection.QUESTION, q.<DnsQuestion>recordAt(DnsSection.QUESTION));
            return r;
        }

        DnsProbe probe(String type, String name, Duration timeout) {
            return new DnsProbe(Connection.to((InetSocketAddress) channel.localAddress(), timeout), type, name);
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
        }
    }

    @Test
    void noErrorIsUpAndTheQueryIsKeepalivedsDefaultSoaForTheRootWithRecursionDesired() throws Exception {
        try (Server s = new Server(q -> List.of(Server.response(q, q.id(), DnsResponseCode.NOERROR)))) {
            assertThat(prober.probe(s.probe("SOA", ".", Duration.ofSeconds(2))).get()).isInstanceOf(CheckResult.Up.class);
            assertThat(s.heard).singleElement().satisfies(h -> {
                assertThat(h.recursionDesired()).isTrue();
                assertThat(h.name()).isEqualTo(".");
                assertThat(h.type()).isEqualTo("SOA");
            });
        }
    }

    @Test
    void theConfiguredNameAndTypeAreAsked() throws Exception {
        try (Server s = new Server(q -> List.of(Server.response(q, q.id(), DnsResponseCode.NOERROR)))) {
            assertThat(prober.probe(s.probe("aaaa", "www.example.com", Duration.ofSeconds(2))).get()).isInstanceOf(CheckResult.Up.class);
            assertThat(s.heard.getFirst().name()).isEqualTo("www.example.com.");
            assertThat(s.heard.getFirst().type()).isEqualTo("AAAA");
        }
    }

    @Test
    void anErrorRcodeIsDownWithIt() throws Exception {
        try (Server s = new Server(q -> List.of(Server.response(q, q.id(), DnsResponseCode.SERVFAIL)))) {
            assertThat(prober.probe(s.probe("A", "example.com", Duration.ofSeconds(2))).get()).isInstanceOfSatisfying(CheckResult.Down.class,
                    d -> assertThat(d.failure().describe()).contains("rcode 2"));
        }
    }

    @Test
    void aResponseWithAnotherIdIsIgnoredAndTheRightOneCounts() throws Exception {
        try (Server s = new Server(q -> List.of(Server.response(q, q.id() ^ 1, DnsResponseCode.SERVFAIL),
                Server.response(q, q.id(), DnsResponseCode.NOERROR)))) {
            assertThat(prober.probe(s.probe("A", "example.com", Duration.ofSeconds(2))).get()).isInstanceOf(CheckResult.Up.class);
        }
    }

    @Test
    void onlyAStrangersResponseIsATimeout() throws Exception {
        try (Server s = new Server(q -> List.of(Server.response(q, q.id() ^ 0x8000, DnsResponseCode.NOERROR)))) {
            CheckResult r = prober.probe(s.probe("A", "example.com", Duration.ofMillis(500))).get();
            assertThat(r).isInstanceOfSatisfying(CheckResult.Down.class,
                    d -> assertThat(d.failure()).isEqualTo(new Failure.Timeout(Failure.Phase.REPLY)));
            assertThat(r.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        DatagramSocket s = null;
        for (int port = 20000 + new java.util.Random().nextInt(10000); s == null; port++) { // below the ephemeral range
            try {
                s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (java.net.BindException taken) {
                // next
            }
        }
        var probe = new DnsProbe(Connection.to((InetSocketAddress) s.getLocalSocketAddress(), Duration.ofSeconds(2)), "A", "x.");
        s.close();
        assertThat(prober.probe(probe).get()).isInstanceOfSatisfying(CheckResult.Down.class,
                d -> assertThat(d.failure()).isEqualTo(new Failure.Refused()));
    }
}
