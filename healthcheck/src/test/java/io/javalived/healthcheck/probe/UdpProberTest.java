package io.javalived.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** UDP_CHECK against real datagram sockets on loopback. */
class UdpProberTest {

    static final CheckerLoop loop = new CheckerLoop(1);
    static final Prober prober = loop.prober();

    @AfterAll
    static void close() {
        loop.close();
    }

    /** A server that answers every datagram with {@code reply} (or stays silent when null). */
    static DatagramSocket server(byte[] reply) throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[512];
            try {
                while (true) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    s.receive(p);
                    if (reply != null) {
                        s.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                    }
                }
            } catch (Exception e) {
                // closed
            }
        });
        return s;
    }

    static UdpProbe probe(DatagramSocket s, Optional<String> pattern, Duration timeout) {
        return new UdpProbe(Connection.to((InetSocketAddress) s.getLocalSocketAddress(), timeout), "70696e67", pattern, 0, 255);
    }

    @Test
    void aMatchingReplyIsUp() throws Exception {
        try (DatagramSocket s = server("pong".getBytes())) {
            assertThat(prober.probe(probe(s, Optional.of("706fXX67"), Duration.ofSeconds(2))).get().isUp()).isTrue();
        }
    }

    @Test
    void aReplyThatDoesNotMatchIsDown() throws Exception {
        try (DatagramSocket s = server("nope".getBytes())) {
            assertThat(prober.probe(probe(s, Optional.of("706f6e67"), Duration.ofSeconds(2))).get())
                    .isInstanceOfSatisfying(CheckResult.Down.class, d -> assertThat(d.failure()).isInstanceOf(Failure.BadReply.class));
        }
    }

    @Test
    void portUnreachableIsRefused() throws Exception {
        // a port below the ephemeral range (32768-60999), free a moment ago: no other socket on this busy
        // machine takes it over before the probe, as one of the thousands of ephemeral ports might
        DatagramSocket s = null;
        for (int port = 20000 + new java.util.Random().nextInt(10000); s == null; port++) {
            try {
                s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), port));
            } catch (java.net.BindException taken) {
                // try the next one
            }
        }
        UdpProbe probe = probe(s, Optional.empty(), Duration.ofSeconds(2));
        s.close();
        assertThat(prober.probe(probe).get())
                .isInstanceOfSatisfying(CheckResult.Down.class, d -> assertThat(d.failure()).isEqualTo(new Failure.Refused()));
    }

    @Test
    void silenceIsUpWithoutRequireReplyAndATimeoutWithIt() throws Exception {
        try (DatagramSocket s = server(null)) {
            assertThat(prober.probe(probe(s, Optional.empty(), Duration.ofMillis(300))).get().isUp()).isTrue();
            assertThat(prober.probe(probe(s, Optional.of("706f6e67"), Duration.ofMillis(300))).get())
                    .isInstanceOfSatisfying(CheckResult.Down.class,
                            d -> assertThat(d.failure()).isEqualTo(new Failure.Timeout(Failure.Phase.REPLY)));
        }
    }
}
