package io.javalived.drill;

import io.javalived.net.netns.InNamespace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The drill's long-lived connections ({@code --connections N}): N TCP connections from the client's namespace to
 * the VIP, opened before the failure; each sends {@code ECHO c<id> <seq>} every 100 ms and reads the echo
 * ({@code ECHO c<id> <seq> <host>}) that {@link DrillHttpServer} sends back on the same port. Each connection has a
 * writer and a reader (platform threads); every line's send and echo times are kept for {@link ConnectionTally}.
 */
final class EchoConnections implements AutoCloseable {
    static final long PERIOD_NANOS = 100_000_000L;

    private final Path namespace;
    private final InetSocketAddress target;
    private final DrillClock clock;
    private final int timeoutMs;
    private final List<Conn> conns = new ArrayList<>();
    private volatile boolean stopping;

    EchoConnections(Path namespace, InetSocketAddress target, DrillClock clock, int timeoutMs) {
        this.namespace = namespace;
        this.target = target;
        this.clock = clock;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Opens {@code n} connections one after the other and starts their traffic; returns how many opened and saw
     * their first echo within the time limit.
     */
    int open(int n) throws InterruptedException {
        for (int i = 1; i <= n; i++) {
            Conn c = new Conn(i);
            synchronized (conns) {
                conns.add(c);
            }
            c.open();
        }
        int ok = 0;
        long end = System.nanoTime() + timeoutMs * 1_000_000L + 1_000_000_000L;
        for (Conn c : snapshot()) {
            while (c.channel != null && c.server == null && c.failedAt == null && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            ok += c.server != null && c.failedAt == null ? 1 : 0;
        }
        return ok;
    }

    /** Connections failed so far (for the console). */
    int failedSoFar() {
        return (int) snapshot().stream().filter(c -> c.failedAt != null).count();
    }

    /**
     * Stops sending, waits up to {@code drainSeconds} for the echoes still due, closes the connections and returns
     * their logs.
     */
    List<EchoLog> stop(double drainSeconds) throws InterruptedException {
        stopping = true;
        List<Conn> all = snapshot();
        for (Conn c : all) {
            if (c.writer != null) {
                c.writer.join(1000);
            }
        }
        long end = System.nanoTime() + (long) (drainSeconds * 1e9);
        while (System.nanoTime() < end && all.stream().anyMatch(Conn::awaitingEcho)) {
            Thread.sleep(20);
        }
        List<EchoLog> logs = new ArrayList<>();
        for (Conn c : all) {
            logs.add(c.log());
            c.close();
        }
        return logs;
    }

    private List<Conn> snapshot() {
        synchronized (conns) {
            return List.copyOf(conns);
        }
    }

    @Override
    public void close() {
        stopping = true;
        snapshot().forEach(Conn::close);
    }

    /** One connection: its socket, writer, reader and log. */
    private final class Conn {
        private final int id;
        private final List<double[]> lines = new ArrayList<>(); // {sentAt, echoedAt or NaN}
        private volatile SocketChannel channel;
        private volatile Thread writer;
        private volatile Double openedAt;
        private volatile String server;
        private volatile Double failedAt;
        private volatile String failure;
        private volatile boolean closing;

        Conn(int id) {
            this.id = id;
        }

        void open() {
            try {
                SocketChannel ch = InNamespace.call(namespace, SocketChannel::open);
                Socket s = ch.socket();
                s.setTcpNoDelay(true);
                s.connect(target, timeoutMs);
                channel = ch;
                openedAt = clock.now();
                // platform threads: the echoes are timed, so they must not wait for a carrier that the client's
                // requests (virtual threads) keep busy on a starved machine
                Thread.ofPlatform().daemon().name("drill-echo-read-" + id).start(this::readLoop);
                writer = Thread.ofPlatform().daemon().name("drill-echo-write-" + id).start(this::writeLoop);
            } catch (Exception e) {
                fail("connect: " + reason(e));
            }
        }

        private void writeLoop() {
            long start = System.nanoTime();
            try {
                OutputStream out = channel.socket().getOutputStream();
                for (int seq = 0; !stopping && !closing && failedAt == null; seq++) {
                    synchronized (lines) {
                        lines.add(new double[] {clock.now(), Double.NaN});
                    }
                    out.write(("ECHO c" + id + " " + seq + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    long next = start + (seq + 1) * PERIOD_NANOS;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
            } catch (IOException e) {
                fail("write: " + reason(e));
            }
        }

        private void readLoop() {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(channel.socket().getInputStream(),
                        StandardCharsets.US_ASCII));
                String line;
                while ((line = in.readLine()) != null) {
                    double at = clock.now();
                    String[] f = line.split(" ");
                    if (f.length != 4 || !f[0].equals("ECHO") || !f[1].equals("c" + id)) {
                        fail("unexpected answer: " + line);
                        return;
                    }
                    int seq = Integer.parseInt(f[2]);
                    if (server == null) {
                        server = f[3];
                    } else if (!server.equals(f[3])) {
                        fail("echo from " + f[3] + " on a connection to " + server);
                        return;
                    }
                    synchronized (lines) {
                        if (seq < lines.size() && Double.isNaN(lines.get(seq)[1])) {
                            lines.get(seq)[1] = at;
                        }
                    }
                }
                fail("closed by the server (EOF)");
            } catch (IOException | RuntimeException e) {
                fail("read: " + reason(e));
            }
        }

        boolean awaitingEcho() {
            if (failedAt != null || channel == null) {
                return false;
            }
            synchronized (lines) {
                return lines.stream().anyMatch(l -> Double.isNaN(l[1]));
            }
        }

        private synchronized void fail(String why) {
            if (closing || failedAt != null) {
                return;
            }
            failedAt = clock.now();
            failure = why;
        }

        EchoLog log() {
            List<EchoLog.Line> out = new ArrayList<>();
            synchronized (lines) {
                for (double[] l : lines) {
                    out.add(new EchoLog.Line(l[0], Double.isNaN(l[1]) ? null : l[1]));
                }
            }
            synchronized (this) {
                closing = true;
                return new EchoLog(id, openedAt, server, out, failedAt, failure);
            }
        }

        void close() {
            synchronized (this) {
                closing = true;
            }
            SocketChannel ch = channel;
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException e) {
                    // closing
                }
            }
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.toLowerCase(java.util.Locale.ROOT).contains("timed out") ? "timeout" : m;
    }
}
