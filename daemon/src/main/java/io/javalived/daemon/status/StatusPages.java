package io.javalived.daemon.status;

import io.javalived.daemon.metrics.DaemonMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/** What the status endpoint answers to a request: {@code /status}, {@code /metrics}, the index, 404, 405. */
final class StatusPages {
    private static final Logger log = LoggerFactory.getLogger(StatusHttpServer.class);
    private static final String PLAIN = StatusHttpServer.PLAIN_TEXT;

    private final Supplier<DaemonStatus> status;
    private final DaemonMetrics metrics;
    private final LogThrottle failures = new LogThrottle(StatusHttpServer.ERROR_LOG_PERIOD);

    StatusPages(Supplier<DaemonStatus> status, DaemonMetrics metrics) {
        this.status = status;
        this.metrics = metrics;
    }

    byte[] answer(HttpRequestHead.Request r, boolean close) {
        boolean head = r.head();
        boolean keep10 = r.http10() && !close;
        if (!head && !r.method().equals("GET")) {
            return HttpResponseBytes.of(405, PLAIN, "the status endpoint is read-only: use GET\n", false, close, keep10);
        }
        try {
            return switch (r.path()) {
                case "/status" -> HttpResponseBytes.of(200, "application/json", StatusJsonWriter.write(status.get()) + "\n",
                        head, close, keep10);
                case "/metrics" -> HttpResponseBytes.of(200, StatusHttpServer.PROMETHEUS_TEXT, metrics.scrape(), head, close, keep10);
                case "/" -> HttpResponseBytes.of(200, PLAIN,
                        "javalived status endpoint\n  /status   JSON: VRRP instances, virtual and real servers, reloads\n"
                                + "  /metrics  Prometheus text\n", head, close, keep10);
                default -> HttpResponseBytes.of(404, PLAIN, "no such page: " + r.path() + " (try /status or /metrics)\n",
                        head, close, keep10);
            };
        } catch (RuntimeException e) {
            long left = failures.admit();
            if (left >= 0) {
                log.warn("status endpoint: cannot answer {}: {}{}", r.path(), StatusHttpServer.oneLine(e), LogThrottle.more(left));
            }
            log.debug("status endpoint page failure", e);
            return HttpResponseBytes.of(500, PLAIN, "internal error: see the daemon's log\n", head, close, keep10);
        }
    }
}
