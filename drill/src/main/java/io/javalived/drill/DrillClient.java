package io.javalived.drill;

import io.javalived.net.netns.InNamespace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady client traffic to the VIP from the client's namespace: one HTTP/1.0 GET every {@code 1/rate} seconds,
 * each on its own connection and its own (virtual) thread, so a stalled request never delays the next one.
 * Each request's socket is created inside the namespace, then used from here.
 */
final class DrillClient implements AutoCloseable {
    private final Path namespace;
    private final InetSocketAddress target;
    private final DrillClock clock;
    private final int timeoutMs;
    private final ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();
    private final AtomicLong seq = new AtomicLong();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "drill-client-ticker");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean stopped;

    DrillClient(Path namespace, InetSocketAddress target, DrillClock clock, int timeoutMs) {
        this.namespace = namespace;
        this.target = target;
        this.clock = clock;
        this.timeoutMs = timeoutMs;
    }

    void start(double ratePerSecond) {
        long periodMicros = Math.max(1000, Math.round(1_000_000 / ratePerSecond));
        ticker.scheduleAtFixedRate(() -> {
            long n = seq.incrementAndGet();
            double sentAt = clock.now();
            requests.submit(() -> records.add(request(n, sentAt)));
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private RequestRecord request(long n, double sentAt) {
        long t0 = System.nanoTime();
        if (stopped || !java.nio.file.Files.exists(namespace)) {
            return failed(n, sentAt, t0, "client namespace gone (tearing down)");
        }
        try (SocketChannel ch = InNamespace.call(namespace, SocketChannel::open)) {
            Socket s = ch.socket();
            s.connect(target, timeoutMs);
            int left = (int) Math.max(1, timeoutMs - (System.nanoTime() - t0) / 1_000_000);
            s.setSoTimeout(left);
            s.getOutputStream().write(("GET / HTTP/1.0\r\nHost: " + target.getHostString()
                    + "\r\nUser-Agent: javalived-drill\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = readAll(s.getInputStream());
            double ms = (System.nanoTime() - t0) / 1e6;
            int split = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.") || split < 0) {
                return new RequestRecord(n, sentAt, ms, null, "bad response");
            }
            String status = response.lines().findFirst().orElse("");
            if (!status.contains(" 200 ")) {
                return new RequestRecord(n, sentAt, ms, null, "status " + status.strip());
            }
            return new RequestRecord(n, sentAt, ms, response.substring(split + 4).strip(), null);
        } catch (SocketTimeoutException e) {
            return failed(n, sentAt, t0, "timeout");
        } catch (ConnectException e) {
            return failed(n, sentAt, t0, e.getMessage() != null && e.getMessage().contains("refused") ? "refused"
                    : "connect: " + e.getMessage());
        } catch (Exception e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return failed(n, sentAt, t0, m.toLowerCase(java.util.Locale.ROOT).contains("timed out") ? "timeout" : m);
        }
    }

    private static RequestRecord failed(long n, double sentAt, long t0, String why) {
        return new RequestRecord(n, sentAt, (System.nanoTime() - t0) / 1e6, null, why);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        int r;
        while ((r = in.read(buf)) >= 0 && out.size() < 65536) {
            out.write(buf, 0, r);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Stops sending and waits for the requests in flight (each ends within the time limit). */
    List<RequestRecord> stop() {
        stopped = true;
        ticker.shutdownNow();
        requests.shutdown();
        try {
            requests.awaitTermination(timeoutMs + 2000L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<RequestRecord> all = new ArrayList<>(records);
        all.sort(Comparator.comparingLong(RequestRecord::seq));
        return all;
    }

    @Override
    public void close() {
        stopped = true;
        ticker.shutdownNow();
        requests.shutdownNow();
    }
}
