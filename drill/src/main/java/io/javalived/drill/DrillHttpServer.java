package io.javalived.drill;

import io.javalived.net.netns.InNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The drill's tiny web server: listens on port 80 in one lab host's network namespace (the socket is opened
 * there by a thread that entered it; it lives in this JVM, so no extra process) and answers every request with
 * its host name, like the seed's nginx {@code oldboy.html}. On the same port, a connection whose first line starts
 * with {@code ECHO } is a drill echo connection: each line comes back with the host name appended.
 */
final class DrillHttpServer implements AutoCloseable {
    private final String name;
    private final ServerSocketChannel channel;
    private final Thread acceptor;
    private final AtomicLong served = new AtomicLong();
    private final java.util.Set<Socket> echoing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;
    private static final String ECHO = "ECHO ";

    private DrillHttpServer(String name, ServerSocketChannel channel) {
        this.name = name;
        this.channel = channel;
        this.acceptor = Thread.ofPlatform().daemon().name("drill-http-" + name).start(this::acceptLoop);
    }

    /** Opens port 80 (all addresses, so the VIP too once it is there) inside the namespace. */
    static DrillHttpServer start(Path namespace, String name, int port) {
        try {
            ServerSocketChannel ch = InNamespace.call(namespace, () -> {
                ServerSocketChannel c = ServerSocketChannel.open();
                c.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                c.bind(new InetSocketAddress(port), 256);
                return c;
            });
            return new DrillHttpServer(name, ch);
        } catch (Exception e) {
            throw new DrillException("cannot serve HTTP on port " + port + " in " + name + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    long served() {
        return served.get();
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket s = channel.accept().socket();
                Thread.ofVirtual().start(() -> answer(s));
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    private void answer(Socket s) {
        try (s) {
            s.setSoTimeout(2000);
            InputStream in = s.getInputStream();
            String first = firstLine(in);
            if (first.startsWith(ECHO)) {
                echo(s, first);
                return;
            }
            // the rest of the request head (to the blank line), whatever it is: the first line ended with CRLF
            int state = 2;
            int b;
            int n = first.length();
            while (state < 4 && n++ < 8192 && (b = in.read()) >= 0) {
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                        ? state + 1 : (b == '\r' ? 1 : 0);
            }
            byte[] body = (name + "\n").getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\nServer: javalived-drill\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            served.incrementAndGet();
        } catch (IOException e) {
            // the client gave up; nothing to do
        }
    }

    /** The first line, without its line end (at most 8192 bytes). */
    private static String firstLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while (b.length() < 8192 && (c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    /**
     * A drill echo connection ({@link EchoConnections}): every line {@code ECHO ...} comes back as
     * {@code ECHO ... <host name>}, until the client closes it. No time limit: it is meant to idle through a takeover.
     */
    private void echo(Socket s, String first) throws IOException {
        echoing.add(s);
        try {
            s.setSoTimeout(0);
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String line = first;
            while (open && line.startsWith(ECHO)) {
                out.write((line + " " + name + "\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                line = firstLine(in);
            }
        } finally {
            echoing.remove(s);
        }
    }

    @Override
    public void close() {
        open = false;
        for (Socket s : echoing) {
            try {
                s.close();
            } catch (IOException e) {
                // closing
            }
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing
        }
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
