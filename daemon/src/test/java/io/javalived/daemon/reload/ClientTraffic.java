package io.javalived.daemon.reload;

import io.javalived.lab.LabHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A client in a lab host that sends one HTTP GET after another (a new connection each, a pause between) until
 * stopped, and keeps what came back: the good replies by body, and every failure (an exception, a bad status or
 * an unexpected body) as text.
 */
public final class ClientTraffic implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger ok = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> answers = new ConcurrentSkipListMap<>();
    private final Thread thread;

    private ClientTraffic(LabHost client, String address, int port, String path, Predicate<LiveReloads.HttpReply> good,
                          Duration pause) {
        thread = Thread.ofPlatform().name("client-traffic").daemon().start(() -> {
            while (!stop.get()) {
                try {
                    LiveReloads.HttpReply r = LiveReloads.httpGet(client, address, port, path);
                    if (good.test(r)) {
                        ok.incrementAndGet();
                        answers.merge(r.body().strip(), 1, Integer::sum);
                    } else {
                        failures.add(r.toString());
                    }
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
    }

    /** Starts sending GET {@code path} to {@code address:port} from {@code client}'s namespace. */
    public static ClientTraffic start(LabHost client, String address, int port, String path,
                                      Predicate<LiveReloads.HttpReply> good, Duration pause) {
        return new ClientTraffic(client, address, port, path, good, pause);
    }

    /** Waits until {@code n} good replies came back (or the time ran out, or a request failed); true when they did. */
    public boolean awaitOk(int n, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (ok.get() < n && failures.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return ok.get() >= n;
    }

    public int ok() {
        return ok.get();
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Good replies by body (stripped): who answered, how often. */
    public Map<String, Integer> answers() {
        return Map.copyOf(answers);
    }

    /** Stops after the request in flight (it still counts). */
    public ClientTraffic stop() throws InterruptedException {
        stop.set(true);
        thread.join(15_000);
        return this;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
