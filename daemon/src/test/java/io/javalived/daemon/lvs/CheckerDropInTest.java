package io.javalived.daemon.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.javalived.daemon.HostDaemon;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker keywords of the drop-in issue through the real daemon on the host ({@code -C --ipvs memory}, checks
 * against loopback), seen in its in-memory IPVS table (its "IPVS: add/remove real server" lines): SSL_GET with the
 * global SSL block's client certificate (made by openssl, as users make them) against a TLS server that requires
 * one, a url regex on a body that changes, and SMTP_CHECK host blocks. Every real server has alpha: it enters the
 * table only when its checks pass.
 */
class CheckerDropInTest {
    @TempDir
    Path dir;
    final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    /** A virtual server whose alpha real server on loopback {@code port} has an SSL_GET of "/" plus {@code extra} lines. */
    static String sslVirtualServer(int port, String extra) {
        return """
                virtual_server 127.0.0.1 18443 {
                    delay_loop 1
                    protocol TCP
                    real_server 127.0.0.1 %d {
                        alpha
                        SSL_GET {
                            url {
                                path /
                            }
                            connect_timeout 2
                %s
                        }
                    }
                }
                """.formatted(port, extra);
    }

    @Test
    void sslClientCertificateRegexAndSmtpHostsChangeTheTable() throws Exception {
        Pki pki = Pki.make(dir);
        TlsServer tls = new TlsServer(pki.serverContext());
        servers.add(tls);
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        String[] body = {"status: ready\n"};
        web.createContext("/health", x -> {
            byte[] b = body[0].getBytes(StandardCharsets.US_ASCII);
            x.sendResponseHeaders(200, b.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(b);
            }
        });
        web.start();
        servers.add(() -> web.stop(0));
        Smtp mx1 = new Smtp();
        Smtp mx2 = new Smtp();
        servers.add(mx1);
        servers.add(mx2);
        int webPort = web.getAddress().getPort();
        String conf = """
                SSL {
                    password s3cret
                    ca %s
                    certificate %s
                    key %s
                }
                """.formatted(pki.ca, pki.clientCert, pki.clientKeyEncrypted) + sslVirtualServer(tls.port(), "retry 0\ntls_compliant") + """
                virtual_server 127.0.0.1 18080 {
                    delay_loop 1
                    protocol TCP
                    real_server 127.0.0.1 %d {
                        alpha
                        HTTP_GET {
                            url {
                                path /health
                                regex "^status: (ready|degraded)$"
                                regex_options multiline
                            }
                            connect_timeout 2
                            retry 0
                            delay_before_retry 1
                        }
                    }
                }
                virtual_server 127.0.0.1 18025 {
                    delay_loop 1
                    protocol TCP
                    real_server 127.0.0.1 9 {
                        alpha
                        SMTP_CHECK {
                            helo_name lb01
                            retry 0
                            delay_before_retry 1
                            host {
                                connect_port %d
                            }
                            host {
                                connect_port %d
                            }
                        }
                    }
                }
                """.formatted(webPort, mx1.port(), mx2.port());
        Path file = Files.writeString(dir.resolve("keepalived.conf"), conf);
        try (HostDaemon d = HostDaemon.start(dir, file, List.of(), List.of("--status-listen", "off"))) {
            d.await("add real server 127.0.0.1:" + tls.port(), Duration.ofSeconds(60));
            assertThat(tls.clientSubjects).contains("CN=lb01.test");
            d.await("add real server 127.0.0.1:" + webPort, Duration.ofSeconds(30));
            d.await("add real server 127.0.0.1:9 ", Duration.ofSeconds(30));
            assertThat(mx1.helos.size()).isPositive();
            assertThat(mx2.helos.size()).as("the second host block is checked too").isPositive();

            body[0] = "status: maintenance\n";
            d.await("remove real server 127.0.0.1:" + webPort, Duration.ofSeconds(30));
            body[0] = "<html>\nstatus: degraded\n</html>\n";
            d.await(() -> d.count("add real server 127.0.0.1:" + webPort) == 2, Duration.ofSeconds(30), "back with a matching body");

            mx2.close();
            d.await("remove real server 127.0.0.1:9 ", Duration.ofSeconds(30));
            assertThat(d.lines()).noneMatch(l -> l.contains("Exception") || l.contains("\tat "));
        }
    }

    @Test
    void aKeyThatCannotBeLoadedIsReportedAtItsLineAndTheDaemonRunsOn() throws Exception {
        Pki pki = Pki.make(dir);
        TlsServer tls = new TlsServer(pki.serverContext());
        servers.add(tls);
        Smtp mx = new Smtp();
        servers.add(mx);
        String conf = """
                SSL {
                    certificate %s
                    key %s
                }
                """.formatted(pki.clientCert, pki.clientKeyEncrypted) + sslVirtualServer(tls.port(), "") + """
                virtual_server 127.0.0.1 18025 {
                    delay_loop 1
                    protocol TCP
                    real_server 127.0.0.1 %d {
                        alpha
                        SMTP_CHECK {
                        }
                    }
                }
                """.formatted(mx.port());
        Path file = Files.writeString(dir.resolve("keepalived.conf"), conf);
        try (HostDaemon d = HostDaemon.start(dir, file, List.of(), List.of("--status-listen", "off"))) {
            d.await(file + ":3: SSL key file " + pki.clientKeyEncrypted + " cannot be loaded (the key is encrypted and the "
                    + "SSL block has no password); SSL_GET presents no client certificate", Duration.ofSeconds(60));
            d.await("add real server 127.0.0.1:" + mx.port(), Duration.ofSeconds(30));
            d.await(() -> tls.refused.size() >= 2, Duration.ofSeconds(30), "the TLS server refusing the checker twice");
            assertThat(d.lines()).noneMatch(l -> l.contains("add real server 127.0.0.1:" + tls.port()));
            assertThat(d.isAlive()).isTrue();
            assertThat(d.lines()).noneMatch(l -> l.contains("\tat "));
        }
    }

    /** An HTTP server on loopback answering 200 or 503, counting the requests. */
    static final class Web implements AutoCloseable {
        final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        volatile int status = 200;
        private final HttpServer server;

        Web() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
            server.createContext("/", x -> {
                requests.incrementAndGet();
                x.sendResponseHeaders(status, -1);
                x.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void withoutFastRecoveryARecoveredHttpServerIsBackOneDelayLoopLaterWithItAtItsFirstSuccess() throws Exception {
        Web slow = new Web();
        Web fast = new Web();
        servers.add(slow);
        servers.add(fast);
        String rs = """
                    real_server 127.0.0.1 %d {
                        alpha
                        HTTP_GET {
                            url {
                                path /
                            }
                            connect_timeout 3
                            retry 0
                            %s
                        }
                    }
                """;
        String conf = "virtual_server 127.0.0.1 18080 {\n    delay_loop 2\n    protocol TCP\n"
                + rs.formatted(slow.port(), "") + rs.formatted(fast.port(), "fast_recovery") + "}\n";
        Path file = Files.writeString(dir.resolve("keepalived.conf"), conf);
        try (HostDaemon d = HostDaemon.start(dir, file, List.of(), List.of("--status-listen", "off"))) {
            String addSlow = "add real server 127.0.0.1:" + slow.port();
            String addFast = "add real server 127.0.0.1:" + fast.port();
            d.await(() -> d.count(addSlow) == 1 && d.count(addFast) == 1, Duration.ofSeconds(60), "both in the table");
            slow.status = 503;
            fast.status = 503;
            d.await(() -> d.count("remove real server 127.0.0.1:" + slow.port()) == 1
                    && d.count("remove real server 127.0.0.1:" + fast.port()) == 1, Duration.ofSeconds(30), "both out");
            int slowBefore = slow.requests.get();
            int fastBefore = fast.requests.get();
            slow.status = 200;
            fast.status = 200;
            int[] slowAt = {-1};
            int[] fastAt = {-1};
            d.await(() -> {
                if (fastAt[0] < 0 && d.count(addFast) == 2) {
                    fastAt[0] = fast.requests.get() - fastBefore;
                }
                if (slowAt[0] < 0 && d.count(addSlow) == 2) {
                    slowAt[0] = slow.requests.get() - slowBefore;
                }
                return fastAt[0] >= 0 && slowAt[0] >= 0;
            }, Duration.ofSeconds(30), "both back");
            assertThat(fastAt[0]).as("fast_recovery: back at its first success").isEqualTo(1);
            assertThat(slowAt[0]).as("keepalived 2.2.7 without fast_recovery: a second success one delay_loop later").isEqualTo(2);
            String confirming = "without fast_recovery it is checked again in 2000 ms";
            assertThat(d.lines()).anyMatch(l -> l.contains("[127.0.0.1]:tcp:" + slow.port()) && l.contains(confirming))
                    .noneMatch(l -> l.contains("[127.0.0.1]:tcp:" + fast.port()) && l.contains(confirming));
        }
    }

    /** A CA, a client certificate with an EC key (encrypted PKCS#8, OpenSSL 3's default) and a server, by openssl. */
    record Pki(Path ca, Path clientCert, Path clientKeyEncrypted, Path serverP12) {
        static Pki make(Path dir) throws Exception {
            Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
            openssl(dir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ca.key");
            openssl(dir, "req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=javalived test CA", "-days", "2", "-out", "ca.pem");
            openssl(dir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "client.key");
            openssl(dir, "req", "-new", "-key", "client.key", "-subj", "/CN=lb01.test", "-out", "client.csr");
            openssl(dir, "x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                    "-days", "2", "-out", "client.pem");
            openssl(dir, "pkcs8", "-topk8", "-in", "client.key", "-out", "client-enc.key", "-passout", "pass:s3cret");
            openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-subj", "/CN=web01.test",
                    "-days", "2", "-out", "server.pem");
            openssl(dir, "pkcs12", "-export", "-in", "server.pem", "-inkey", "server.key", "-out", "server.p12",
                    "-passout", "pass:pw");
            return new Pki(dir.resolve("ca.pem"), dir.resolve("client.pem"), dir.resolve("client-enc.key"), dir.resolve("server.p12"));
        }

        private static void openssl(Path dir, String... args) throws Exception {
            List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("openssl %s: %s", args[0], out).isTrue();
        }

        /** The server's context: its certificate, and clients must show one signed by the CA. */
        SSLContext serverContext() throws Exception {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(Files.newInputStream(serverP12), "pw".toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "pw".toCharArray());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(ca))));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return c;
        }
    }

    /** HTTPS on loopback that requires a client certificate; records who connected and who was refused. */
    static final class TlsServer implements AutoCloseable {
        final List<String> clientSubjects = new CopyOnWriteArrayList<>();
        final List<String> refused = new CopyOnWriteArrayList<>();
        private final SSLServerSocket socket;

        TlsServer(SSLContext context) throws IOException {
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        SSLSocket s = (SSLSocket) socket.accept();
                        Thread.ofVirtual().start(() -> serve(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void serve(SSLSocket s) {
            try (s) {
                s.setNeedClientAuth(true);
                s.startHandshake();
                clientSubjects.add(((java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0])
                        .getSubjectX500Principal().getName());
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                    // the request head
                }
                s.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
            } catch (IOException e) {
                refused.add(String.valueOf(e.getMessage()));
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** An SMTP responder on loopback: 220, 250 to HELO, 221 to QUIT; records the HELOs. */
    static final class Smtp implements AutoCloseable {
        final List<String> helos = new CopyOnWriteArrayList<>();
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        Smtp() throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        Thread.ofVirtual().start(() -> serve(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void serve(Socket s) {
            try (s) {
                OutputStream out = s.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                out.write("220 mx.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("HELO")) {
                        helos.add(line);
                        out.write("250 mx.test\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else if (line.startsWith("QUIT")) {
                        out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                        return;
                    }
                }
            } catch (IOException e) {
                // the checker hung up
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
