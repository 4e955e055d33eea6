package io.javalived.healthcheck.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A tiny real HTTP(S) server on loopback for checker tests: records each request's raw head (and the
 * TLS SNI it got) and answers with the bytes it is given, optionally trickled one byte at a time.
 */
final class RawHttpServer implements AutoCloseable {

    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> serverNames = new CopyOnWriteArrayList<>();
    /** TLS: the subject of each client certificate ("" when the client showed none). */
    final List<String> clientSubjects = new CopyOnWriteArrayList<>();
    private volatile boolean needClientAuth;
    private final ServerSocket socket;
    private volatile byte[] response;
    private volatile long trickleMillis;
    private final Thread acceptor;

    RawHttpServer(String host, SSLContext tls) throws IOException {
        InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(host), 0);
        if (tls == null) {
            socket = new ServerSocket();
        } else {
            socket = tls.getServerSocketFactory().createServerSocket();
            ((SSLServerSocket) socket).setUseClientMode(false);
        }
        socket.bind(bind);
        respond(200, "OK", "hello");
        acceptor = Thread.ofVirtual().start(this::serve);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    RawHttpServer respond(int status, String reason, String body) {
        return respondRaw("HTTP/1.0 " + status + " " + reason + "\r\nContent-Type: text/plain\r\n\r\n" + body);
    }

    RawHttpServer respondRaw(String raw) {
        response = raw.getBytes(StandardCharsets.ISO_8859_1);
        return this;
    }

    /** TLS: refuses clients without a certificate the server's context trusts. */
    RawHttpServer requireClientCertificates() {
        needClientAuth = true; // on each accepted socket: the server socket's setting is copied before accept blocks
        return this;
    }

    /** Sends the response one byte every {@code millis}. */
    RawHttpServer trickle(long millis) {
        trickleMillis = millis;
        return this;
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().start(() -> handle(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            if (client instanceof SSLSocket ssl) {
                ssl.setNeedClientAuth(needClientAuth);
                ssl.startHandshake();
                if (ssl.getSession() instanceof ExtendedSSLSession session) {
                    session.getRequestedServerNames().forEach(n -> serverNames.add(((SNIHostName) n).getAsciiName()));
                    if (session.getRequestedServerNames().isEmpty()) {
                        serverNames.add("");
                    }
                }
                try {
                    clientSubjects.add(((java.security.cert.X509Certificate) ssl.getSession().getPeerCertificates()[0])
                            .getSubjectX500Principal().getName());
                } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                    clientSubjects.add("");
                }
            }
            requests.add(readHead(client.getInputStream()));
            OutputStream out = client.getOutputStream();
            if (trickleMillis > 0) {
                for (byte b : response) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(trickleMillis);
                }
            } else {
                out.write(response);
            }
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the checker hung up; that is what some tests want
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            String s = head.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }
}
