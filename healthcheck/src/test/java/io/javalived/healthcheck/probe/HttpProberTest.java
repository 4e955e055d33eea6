package io.javalived.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP_GET and SSL_GET against real servers on loopback. */
class HttpProberTest {

    static final String HELLO_MD5 = "5d41402abc4b2a76b9719d911017c592"; // md5("hello")
    static final CheckerLoop loop = new CheckerLoop(1);
    static final Prober prober = loop.prober();
    static SSLContext tls;
    RawHttpServer server;

    @BeforeAll
    static void certificate() throws Exception {
        tls = SelfSignedTls.serverContext("web02.test");
    }

    @AfterAll
    static void close() {
        loop.close();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    RawHttpServer plain() throws Exception {
        server = new RawHttpServer("127.0.0.2", null);
        return server;
    }

    static HttpProbe get(InetSocketAddress target, HttpProbe.HttpProtocol protocol, Duration timeout, HttpProbe.Url... urls) {
        return new HttpProbe(Connection.to(target, timeout), false, protocol, List.of(urls), Optional.empty());
    }

    static HttpProbe.Url url(String path, StatusCodes codes, String digest) {
        return new HttpProbe.Url(path, codes, Optional.ofNullable(digest), Optional.empty());
    }

    static Failure failure(CheckResult r) {
        assertThat(r).isInstanceOf(CheckResult.Down.class);
        return ((CheckResult.Down) r).failure();
    }

    @Test
    void upWithMatchingStatusAndDigestAndKeepalivedsRequestShape() throws Exception {
        plain().respond(200, "OK", "hello");
        CheckResult r = prober.probe(get(server.address(), HttpProbe.HttpProtocol.HTTP_1_0, Duration.ofSeconds(2),
                url("/health", StatusCodes.DEFAULT, HELLO_MD5))).get();
        assertThat(r.isUp()).isTrue();
        assertThat(server.requests).containsExactly("GET /health HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: 127.0.0.2:"
                + server.address().getPort() + "\r\n\r\n");
    }

    @Test
    void http11AndVirtualHostSendConnectionCloseAndTheHost() throws Exception {
        plain().respond(200, "OK", "hello");
        HttpProbe.Url url = new HttpProbe.Url("/", StatusCodes.DEFAULT, Optional.empty(), Optional.of("www.example.test"));
        assertThat(prober.probe(get(server.address(), HttpProbe.HttpProtocol.HTTP_1_1, Duration.ofSeconds(2), url)).get().isUp()).isTrue();
        assertThat(prober.probe(get(server.address(), HttpProbe.HttpProtocol.HTTP_1_0C, Duration.ofSeconds(2), url)).get().isUp()).isTrue();
        assertThat(server.requests).containsExactly(
                "GET / HTTP/1.1\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: www.example.test\r\n\r\n",
                "GET / HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nConnection: close\r\nHost: www.example.test\r\n\r\n");
    }

    @Test
    void wrongStatusIsDownWithTheStatus() throws Exception {
        plain().respond(503, "Unavailable", "busy");
        CheckResult r = prober.probe(get(server.address(), HttpProbe.HttpProtocol.HTTP_1_0, Duration.ofSeconds(2),
                url("/health", StatusCodes.DEFAULT, null))).get();
        assertThat(failure(r)).isEqualTo(new Failure.BadStatus("/health", 503, StatusCodes.DEFAULT));
    }

    @Test
    void statusCodeRangesAreHonoured() throws Exception {
        plain().respond(302, "Found", "");
        StatusCodes redirects = new StatusCodes(List.of(new StatusCodes.Range(300, 399)));
        assertThat(prober.probe(get(server.address(), HttpProbe.HttpProtocol.HTTP_1_0, Duration.ofSeconds(2),
                url("/", redirects, null))).get().isUp()).isTrue();
        assertThat(prober.probe(get(server.address(), HttpProbe.HttpProtocol.HTTP_1_0, Duration.ofSeconds(2),
                url("/", StatusCodes.of(200, 204), null))).get().isUp()).isFalse();
    }

    @Test
    void wrongDigestIsDownWithBothDigests() throws Exception {
        plain().respond(200, "OK", "goodbye");
        CheckResult r = prober.probe(get(server.address(), HttpProbe.HttpProtocol.HTTP_1_0, Duration.ofSeconds(2),
                url("/", StatusCodes.DEFAULT, HELLO_MD5))).get();
        assertThat(failure(r)).isEqualTo(new Failure.DigestMismatch("/", HELLO_MD5, "69faab6268350295550de7d587bc323d"));
    }

    @Test
    void chunkedBodiesAreDigestedDecoded() throws Exception {
        plain().respondRaw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n");
        assertThat(prober.probe(get(server.address(), HttpProbe.HttpProtocol.HTTP_1_1, Duration.ofSeconds(2),
                url("/", StatusCodes.DEFAULT, HELLO_MD5))).get().isUp()).isTrue();
    }

    @Test
    void aTrickledResponseTimesOutBecauseTheTimeoutCoversTheWholeResponse() throws Exception {
        // keepalived issue #1822: bytes keep arriving, but the whole response takes ~5 s > connect_timeout.
        plain().respond(200, "OK", "x".repeat(60)).trickle(50);
        CheckResult r = prober.probe(get(server.address(), HttpProbe.HttpProtocol.HTTP_1_0, Duration.ofMillis(600),
                url("/", StatusCodes.DEFAULT, null))).get();
        assertThat(failure(r)).isEqualTo(new Failure.Timeout(Failure.Phase.RESPONSE));
        assertThat(r.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }

    @Test
    void refusedWhenNothingListens() throws Exception {
        InetSocketAddress closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.2"))) {
            closed = (InetSocketAddress) s.getLocalSocketAddress();
        }
        assertThat(failure(prober.probe(get(closed, HttpProbe.HttpProtocol.HTTP_1_0, Duration.ofSeconds(2),
                HttpProbe.Url.of("/"))).get())).isEqualTo(new Failure.Refused());
    }

    @Test
    void everyUrlMustPassAndTheFirstFailureIsReported() throws Exception {
        plain().respond(200, "OK", "hello");
        CheckResult r = prober.probe(get(server.address(), HttpProbe.HttpProtocol.HTTP_1_0, Duration.ofSeconds(2),
                url("/a", StatusCodes.DEFAULT, HELLO_MD5), url("/b", StatusCodes.DEFAULT, "00000000000000000000000000000000"))).get();
        assertThat(failure(r)).isInstanceOfSatisfying(Failure.DigestMismatch.class, d -> assertThat(d.path()).isEqualTo("/b"));
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void malformedResponseIsABadReply() throws Exception {
        plain().respondRaw("SSH-2.0-OpenSSH_9.2\r\n\r\n");
        assertThat(failure(prober.probe(get(server.address(), HttpProbe.HttpProtocol.HTTP_1_0, Duration.ofSeconds(2),
                HttpProbe.Url.of("/"))).get())).isInstanceOfAny(Failure.BadReply.class, Failure.IoError.class);
    }

    @Test
    void sslGetTrustsASelfSignedCertificateAndSendsSniOnlyWhenAsked() throws Exception {
        server = new RawHttpServer("127.0.0.2", tls);
        server.respond(200, "OK", "hello");
        HttpProbe.Url url = url("/", StatusCodes.DEFAULT, HELLO_MD5);
        HttpProbe withSni = new HttpProbe(Connection.to(server.address(), Duration.ofSeconds(3)), true,
                HttpProbe.HttpProtocol.HTTP_1_0, List.of(url), Optional.of("web02.test"));
        HttpProbe withoutSni = new HttpProbe(Connection.to(server.address(), Duration.ofSeconds(3)), true,
                HttpProbe.HttpProtocol.HTTP_1_0, List.of(url), Optional.empty());
        assertThat(prober.probe(withSni).get()).isInstanceOf(CheckResult.Up.class);
        assertThat(prober.probe(withoutSni).get()).isInstanceOf(CheckResult.Up.class);
        assertThat(server.serverNames).containsExactly("web02.test", "");
        assertThat(withSni.kind()).isEqualTo("SSL_GET");
    }

    @Test
    void sslGetWithWrongDigestIsDown() throws Exception {
        server = new RawHttpServer("127.0.0.2", tls);
        server.respond(200, "OK", "goodbye");
        HttpProbe probe = new HttpProbe(Connection.to(server.address(), Duration.ofSeconds(3)), true,
                HttpProbe.HttpProtocol.HTTP_1_1, List.of(url("/", StatusCodes.DEFAULT, HELLO_MD5)), Optional.empty());
        assertThat(failure(prober.probe(probe).get())).isInstanceOf(Failure.DigestMismatch.class);
    }

    @Test
    void sslGetAgainstAPlainServerFailsInTheHandshake() throws Exception {
        plain().respond(200, "OK", "hello");
        HttpProbe probe = new HttpProbe(Connection.to(server.address(), Duration.ofMillis(800)), true,
                HttpProbe.HttpProtocol.HTTP_1_0, List.of(HttpProbe.Url.of("/")), Optional.empty());
        Failure f = failure(prober.probe(probe).get());
        assertThat(f).isIn(new Failure.Timeout(Failure.Phase.TLS_HANDSHAKE)).as(f.describe());
    }

    static HttpProbe.Url regex(String pattern, int flags, boolean noMatch, int min, java.util.OptionalInt max) {
        return new HttpProbe.Url("/", StatusCodes.DEFAULT, Optional.empty(), Optional.empty(),
                Optional.of(new BodyRegex(pattern, flags, false, noMatch, min, max)));
    }

    boolean up(HttpProbe.Url url) throws Exception {
        return prober.probe(get(server.address(), HttpProbe.HttpProtocol.HTTP_1_0, Duration.ofSeconds(2), url)).get().isUp();
    }

    @Test
    void theBodyMustMatchTheRegexOrWithRegexNoMatchMustNot() throws Exception {
        plain().respond(200, "OK", "status: ready\nversion 7\n");
        var none = java.util.OptionalInt.empty();
        assertThat(up(regex("ready", 0, false, 0, none))).isTrue();
        assertThat(up(regex("version \\d+", 0, false, 0, none))).isTrue();
        assertThat(up(regex("^version", 0, false, 0, none))).as("^ is the body's start without multiline").isFalse();
        assertThat(up(regex("^version", java.util.regex.Pattern.MULTILINE, false, 0, none))).isTrue();
        assertThat(up(regex("READY", 0, false, 0, none))).isFalse();
        assertThat(up(regex("READY", java.util.regex.Pattern.CASE_INSENSITIVE, false, 0, none))).isTrue();
        assertThat(up(regex("Content-Type", 0, false, 0, none))).as("the headers are not the subject").isFalse();
        assertThat(up(regex("ready", 0, true, 0, none))).as("regex_no_match").isFalse();
        assertThat(up(regex("maintenance", 0, true, 0, none))).isTrue();
        server.respond(200, "OK", "status: maintenance\n");
        assertThat(failure(prober.probe(get(server.address(), HttpProbe.HttpProtocol.HTTP_1_0, Duration.ofSeconds(2),
                regex("ready", 0, false, 0, none))).get())).isEqualTo(new Failure.RegexMismatch("/", "ready", false));
    }

    @Test
    void aMatchMustStartWithinTheMinAndMaxOffsets() throws Exception {
        plain().respond(200, "OK", "0123456789ok");
        assertThat(up(regex("ok", 0, false, 10, java.util.OptionalInt.of(10)))).isTrue();
        assertThat(up(regex("ok", 0, false, 0, java.util.OptionalInt.of(9)))).as("starts at 10, after max 9").isFalse();
        assertThat(up(regex("ok", 0, false, 11, java.util.OptionalInt.empty()))).as("starts before min 11").isFalse();
        assertThat(up(regex("(?<=9)ok", 0, false, 10, java.util.OptionalInt.empty()))).as("look-behind sees before min").isTrue();
        server.respond(200, "OK", "");
        assertThat(up(regex("^$", 0, false, 0, java.util.OptionalInt.empty()))).as("an empty body never matches").isFalse();
    }

    @Test
    void aRegexBacktrackingPastConnectTimeoutIsATimeoutNotAStuckLoop() throws Exception {
        plain().respond(200, "OK", "a".repeat(28) + "!"); // about 45 s of backtracking for java.util.regex
        HttpProbe.Url catastrophic = regex("((a+)+)\\1c", 0, false, 0, java.util.OptionalInt.empty());
        CheckResult r = prober.probe(get(server.address(), HttpProbe.HttpProtocol.HTTP_1_0, Duration.ofMillis(800), catastrophic)).get();
        assertThat(failure(r)).isIn(new Failure.Timeout(Failure.Phase.RESPONSE),
                new Failure.BadReply("the regex ran out of stack on this body (/)"));
        assertThat(r.latency()).isLessThan(Duration.ofSeconds(5));
    }

    static HttpProbe ssl(InetSocketAddress target, TlsClient client, boolean tlsCompliant) {
        HttpProbe.Url url = new HttpProbe.Url("/", StatusCodes.DEFAULT, Optional.of(HELLO_MD5), Optional.empty(),
                Optional.empty(), tlsCompliant);
        return new HttpProbe(Connection.to(target, Duration.ofSeconds(3)), true, HttpProbe.HttpProtocol.HTTP_1_0,
                List.of(url), Optional.empty(), client);
    }

    @Test
    void sslGetPresentsTheSslBlocksClientCertificateToAServerThatRequiresOne() throws Exception {
        TestPki pki = new TestPki("javalived test CA");
        server = new RawHttpServer("127.0.0.2", pki.serverContext(pki.issue("web02.test", "EC"), true)).requireClientCertificates();
        server.respond(200, "OK", "hello");
        TestPki.Issued lb = pki.issue("lb01.test", "RSA");
        TlsClient client = new TlsClient(Optional.of(new TlsClient.Identity(List.of(lb.certificate()), lb.keys().getPrivate())),
                List.of(pki.caCertificate()));
        assertThat(prober.probe(ssl(server.address(), client, false)).get()).isInstanceOf(CheckResult.Up.class);
        assertThat(server.clientSubjects).containsExactly("CN=lb01.test");
        Failure without = failure(prober.probe(ssl(server.address(), TlsClient.NONE, false)).get());
        assertThat(without).as(without.describe()).isInstanceOfAny(Failure.TlsFailure.class, Failure.IoError.class);
        TestPki other = new TestPki("someone else's CA");
        TestPki.Issued stranger = other.issue("lb01.test", "EC");
        Failure untrusted = failure(prober.probe(ssl(server.address(), new TlsClient(Optional.of(new TlsClient.Identity(
                List.of(stranger.certificate()), stranger.keys().getPrivate())), List.of()), false)).get());
        assertThat(untrusted).as(untrusted.describe()).isInstanceOfAny(Failure.TlsFailure.class, Failure.IoError.class);
    }

    @Test
    void likeKeepalived227TheServersCertificateIsNotVerifiedEvenWithACa() throws Exception {
        TestPki pki = new TestPki("javalived test CA");
        server = new RawHttpServer("127.0.0.2", tls); // self-signed, not from pki
        server.respond(200, "OK", "hello");
        TlsClient withCa = new TlsClient(Optional.empty(), List.of(pki.caCertificate()));
        assertThat(prober.probe(ssl(server.address(), withCa, false)).get()).isInstanceOf(CheckResult.Up.class);
    }

    @Test
    void tlsCompliantSendsCloseNotifyAndWithoutItTheConnectionJustCloses() throws Exception {
        // A TLS server over a plain socket: after the response it counts the raw bytes the client sends until it
        // closes: a close_notify alert is one TLS record, keepalived's quiet shutdown sends nothing.
        try (ServerSocket plain = new ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.2"))) {
            List<Integer> bytesAfterResponse = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread serving = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 2; i++) {
                    try (java.net.Socket raw = plain.accept();
                         var ssl = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket(raw, null, raw.getPort(), false)) {
                        ssl.setUseClientMode(false);
                        ssl.startHandshake();
                        var in = ssl.getInputStream();
                        byte[] head = new byte[4096];
                        int n = 0;
                        while (!new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                            n += in.read(head, n, head.length - n);
                        }
                        ssl.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello"
                                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                        ssl.getOutputStream().flush();
                        bytesAfterResponse.add(raw.getInputStream().readAllBytes().length);
                    } catch (java.io.IOException e) {
                        bytesAfterResponse.add(-1);
                    }
                }
            });
            InetSocketAddress at = (InetSocketAddress) plain.getLocalSocketAddress();
            assertThat(prober.probe(ssl(at, TlsClient.NONE, true)).get()).isInstanceOf(CheckResult.Up.class);
            assertThat(prober.probe(ssl(at, TlsClient.NONE, false)).get()).isInstanceOf(CheckResult.Up.class);
            serving.join(Duration.ofSeconds(10));
            assertThat(bytesAfterResponse).hasSize(2);
            assertThat(bytesAfterResponse.get(0)).as("tls_compliant: a close_notify record").isGreaterThan(0);
            assertThat(bytesAfterResponse.get(1)).as("without it: nothing before the close").isZero();
        }
    }
}
