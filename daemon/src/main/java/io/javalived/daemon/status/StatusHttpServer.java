package io.javalived.daemon.status;

import io.javalived.daemon.metrics.DaemonMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.function.Supplier;

/**
 * The status endpoint: {@code GET /status} (JSON), {@code GET /metrics} (Prometheus text), {@code GET /} (an index).
 * Read-only: every other method is refused with 405. One thread ({@code status-http}) on the JDK's own non-blocking
 * sockets and selector: the daemon's process needs no HTTP library for three read-only pages (Netty's ~400 classes
 * stay out of it and of its AOT cache; the health checkers that need Netty load it themselves). {@link HttpRequestHead}
 * reads a request, {@link HttpResponseBytes} writes an answer; this class owns the sockets and the bounds.
 *
 * <p>Bounded ({@link ConnectionLimits}): at most so many connections at once (a new one closes the one silent the
 * longest), a connection silent for the idle timeout is closed, a request line, headers or body beyond the size
 * limit is refused. A failed accept (no descriptor left) pauses accepting for a second. Network errors are logged as
 * one line, at most one per {@link #ERROR_LOG_PERIOD} per kind, with the stack trace only at DEBUG (-D).
 */
public final class StatusHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusHttpServer.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String PLAIN_TEXT = "text/plain; charset=utf-8";
    static final Duration ERROR_LOG_PERIOD = Duration.ofSeconds(10);
    /** The listen backlog asked for; the kernel caps it at net.core.somaxconn (as Netty asked for somaxconn). */
    static final int BACKLOG = 4096;
    static final Duration ACCEPT_PAUSE = Duration.ofSeconds(1);
    /** Connections accepted per round of the selector (as Netty's acceptor read at most 16 a round). */
    static final int ACCEPTS_PER_ROUND = 16;

    private final ServerSocketChannel listener;
    private final InetSocketAddress localAddress;
    private final Selector selector;
    private final Loop loop;
    private final Thread thread;

    private StatusHttpServer(ServerSocketChannel listener, Selector selector, Loop loop) throws IOException {
        this.listener = listener;
        this.localAddress = (InetSocketAddress) listener.getLocalAddress();
        this.selector = selector;
        this.loop = loop;
        this.thread = Thread.ofPlatform().name("status-http").daemon().unstarted(loop);
    }

    /** Binds and serves within {@link ConnectionLimits#forThisProcess()}; see {@link #start(InetSocketAddress, Supplier, DaemonMetrics, ConnectionLimits)}. */
    public static StatusHttpServer start(InetSocketAddress address, Supplier<DaemonStatus> status, DaemonMetrics metrics) {
        return start(address, status, metrics, ConnectionLimits.forThisProcess());
    }

    /** Binds and serves; throws {@link UncheckedIOException} naming the address when it cannot bind. */
    public static StatusHttpServer start(InetSocketAddress address, Supplier<DaemonStatus> status, DaemonMetrics metrics,
                                         ConnectionLimits limits) {
        ServerSocketChannel listener = null;
        Selector selector = null;
        try {
            listener = ServerSocketChannel.open(address.getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            listener.bind(address, BACKLOG);
            listener.configureBlocking(false);
            selector = Selector.open();
            Loop loop = new Loop(listener, selector, limits, new StatusPages(status, metrics));
            loop.listenerKey = listener.register(selector, SelectionKey.OP_ACCEPT);
            StatusHttpServer server = new StatusHttpServer(listener, selector, loop);
            server.thread.start();
            log.info("status endpoint listening on {} (at most {} connections; one silent for {} s is closed)",
                    new StatusListen(server.localAddress).baseUrl(), limits.maxConnections(), limits.idleTimeout().toSeconds());
            return server;
        } catch (IOException | RuntimeException e) {
            closeQuietly(selector);
            closeQuietly(listener);
            throw new UncheckedIOException("cannot listen for status on " + address.getAddress().getHostAddress()
                    + ":" + address.getPort() + ": " + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
        }
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void close() {
        loop.stopping = true;
        selector.wakeup();
        try {
            thread.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) { // should not happen: the loop's own finally closes everything
            closeQuietly(listener);
            closeQuietly(selector);
        }
    }

    static String oneLine(Throwable t) {
        String m = t.getMessage();
        return (m == null || m.isBlank() ? t.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing: nothing left to tell anyone
            }
        }
    }

    /** One client connection, owned by the loop's thread. */
    private static final class Connection {
        final SocketChannel channel;
        final SelectionKey key;
        final SocketAddress remote;
        final RequestBuffer received;
        long lastActivity;
        ByteBuffer pending;            // an answer not yet fully written
        boolean closeAfterAnswer;
        boolean draining;              // answered and half-closed: input is read and dropped until the client closes

        Connection(SocketChannel channel, SelectionKey key, SocketAddress remote, int maxBytes, long now) {
            this.channel = channel;
            this.key = key;
            this.remote = remote;
            this.received = new RequestBuffer(maxBytes);
            this.lastActivity = now;
        }
    }

    /** The selector loop: accepts, reads, answers, enforces the bounds. Only its thread touches the connections. */
    private static final class Loop implements Runnable {
        private final ServerSocketChannel listener;
        private final Selector selector;
        private final ConnectionLimits limits;
        private final StatusPages pages;
        private final long idleNanos;
        /** Open connections, the one silent the longest first. */
        private final LinkedHashSet<Connection> bySilence = new LinkedHashSet<>();
        private final ByteBuffer readBuffer = ByteBuffer.allocate(4096);
        private final LogThrottle tooMany = new LogThrottle(ERROR_LOG_PERIOD);
        private final LogThrottle acceptErrors = new LogThrottle(ERROR_LOG_PERIOD);
        private final LogThrottle networkErrors = new LogThrottle(ERROR_LOG_PERIOD);
        SelectionKey listenerKey;
        long acceptPausedUntil; // System.nanoTime(); 0 when accepting
        volatile boolean stopping;

        Loop(ServerSocketChannel listener, Selector selector, ConnectionLimits limits, StatusPages pages) {
            this.listener = listener;
            this.selector = selector;
            this.limits = limits;
            this.pages = pages;
            this.idleNanos = limits.idleTimeout().toNanos();
        }

        @Override
        public void run() {
            try {
                while (!stopping) {
                    selector.select(this::ready, waitMillis(System.nanoTime()));
                    long now = System.nanoTime();
                    closeSilent(now);
                    if (acceptPausedUntil != 0 && now - acceptPausedUntil >= 0 && listenerKey.isValid()) {
                        acceptPausedUntil = 0;
                        listenerKey.interestOps(SelectionKey.OP_ACCEPT);
                    }
                }
            } catch (IOException | RuntimeException e) {
                log.error("status endpoint stopped: {}", oneLine(e));
                log.debug("status endpoint failure", e);
            } finally {
                for (Connection c : new ArrayList<>(bySilence)) {
                    close(c);
                }
                closeQuietly(listener);
                closeQuietly(selector);
            }
        }

        /** Until the next connection may turn silent for too long, or accepting resumes; 0 is "no deadline". */
        private long waitMillis(long now) {
            long next = Long.MAX_VALUE;
            for (Connection c : bySilence) {
                next = Math.min(next, c.lastActivity + idleNanos - now);
            }
            if (acceptPausedUntil != 0) {
                next = Math.min(next, acceptPausedUntil - now);
            }
            return next == Long.MAX_VALUE ? 0 : Math.max(1, Duration.ofNanos(next).toMillis() + 1);
        }

        private void ready(SelectionKey key) {
            if (key == listenerKey) {
                acceptAll();
                return;
            }
            Connection c = (Connection) key.attachment();
            try {
                if (key.isValid() && key.isWritable()) {
                    write(c);
                    if (c.pending == null && !c.draining) {
                        answerReceived(c); // requests that came pipelined behind the one just answered
                    }
                }
                if (key.isValid() && key.isReadable()) {
                    read(c);
                }
            } catch (IOException | RuntimeException e) { // a reset, a broken pipe; never the whole endpoint
                long left = networkErrors.admit();
                if (left >= 0) {
                    log.warn("status endpoint: connection from {}: {}{}", c.remote, oneLine(e), LogThrottle.more(left));
                }
                log.debug("status endpoint connection failure", e);
                close(c);
            }
        }

        /**
         * Accepts what is waiting, at most {@link #ACCEPTS_PER_ROUND} at a time: a connection closed to make room
         * keeps its descriptor until the selector's next round deregisters it, so accepting a whole flood in one
         * round would hold one descriptor per connection of the flood and run the process out of them.
         */
        private void acceptAll() {
            for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
                SocketChannel ch;
                try {
                    ch = listener.accept();
                } catch (IOException e) { // EMFILE, ENFILE, ENOBUFS...: pause rather than spin on a pending connection
                    long left = acceptErrors.admit();
                    if (left >= 0) {
                        log.warn("status endpoint: cannot accept a connection: {}; accepting again in 1 s{}", oneLine(e),
                                LogThrottle.more(left));
                    }
                    log.debug("status endpoint accept failure", e);
                    listenerKey.interestOps(0);
                    acceptPausedUntil = System.nanoTime() + ACCEPT_PAUSE.toNanos();
                    if (acceptPausedUntil == 0) {
                        acceptPausedUntil = 1;
                    }
                    return;
                }
                if (ch == null) {
                    return;
                }
                admit(ch);
            }
        }

        private void admit(SocketChannel ch) {
            while (bySilence.size() >= limits.maxConnections()) {
                close(bySilence.getFirst());
                long left = tooMany.admit();
                if (left >= 0) {
                    log.warn("status endpoint: {} connections open, the most it takes: closed the one silent the longest{}",
                            limits.maxConnections(), LogThrottle.more(left));
                }
            }
            try {
                SocketAddress remote = ch.getRemoteAddress();
                ch.configureBlocking(false);
                SelectionKey key = ch.register(selector, SelectionKey.OP_READ);
                Connection c = new Connection(ch, key, remote, limits.maxRequestBytes(), System.nanoTime());
                key.attach(c);
                bySilence.add(c);
            } catch (IOException e) {
                log.debug("status endpoint: a new connection failed", e);
                closeQuietly(ch);
            }
        }

        private void read(Connection c) throws IOException {
            readBuffer.clear();
            int n = c.channel.read(readBuffer);
            if (n < 0) {
                close(c); // the client closed (or finished after our answer)
                return;
            }
            if (n == 0) {
                return;
            }
            c.lastActivity = System.nanoTime();
            bySilence.remove(c);
            bySilence.add(c); // spoke just now: last in line
            if (c.draining) {
                return;
            }
            readBuffer.flip();
            c.received.append(readBuffer);
            answerReceived(c);
        }

        /** Answers every complete request received (pipelined ones in turn), until an answer must wait for the socket. */
        private void answerReceived(Connection c) throws IOException {
            while (c.pending == null && !c.draining) {
                HttpRequestHead.Parsed parsed = HttpRequestHead.parse(c.received, limits.maxRequestBytes());
                switch (parsed) {
                    case HttpRequestHead.Incomplete ignored -> {
                        return;
                    }
                    case HttpRequestHead.Refused r -> answer(c, HttpResponseBytes.of(r.code(), PLAIN_TEXT, r.body(), false, true), true);
                    case HttpRequestHead.Request r -> {
                        c.received.consume(r.length());
                        boolean close = !r.keepAlive();
                        answer(c, pages.answer(r, close), close);
                    }
                }
            }
        }

        private void answer(Connection c, byte[] response, boolean closeAfter) throws IOException {
            c.pending = ByteBuffer.wrap(response);
            c.closeAfterAnswer = closeAfter;
            write(c);
        }

        /** Writes what the socket takes of the pending answer; reading resumes once all of it is written. */
        private void write(Connection c) throws IOException {
            if (c.channel.write(c.pending) > 0) {
                c.lastActivity = System.nanoTime();
            }
            if (c.pending.hasRemaining()) {
                c.key.interestOps(SelectionKey.OP_WRITE);
                return;
            }
            c.pending = null;
            c.key.interestOps(SelectionKey.OP_READ);
            if (c.closeAfterAnswer) {
                // Half-close and read what the client still sends until it closes (or goes silent): closing with
                // unread input would reset the connection and could lose the answer on its way.
                c.draining = true;
                c.received.clear();
                c.channel.shutdownOutput();
            }
        }

        private void closeSilent(long now) {
            for (Connection c : new ArrayList<>(bySilence)) {
                if (now - c.lastActivity >= idleNanos) {
                    close(c);
                }
            }
        }

        private void close(Connection c) {
            bySilence.remove(c);
            c.key.cancel();
            closeQuietly(c.channel);
        }
    }
}
