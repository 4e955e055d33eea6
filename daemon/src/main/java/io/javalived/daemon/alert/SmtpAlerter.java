package io.javalived.daemon.alert;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the alert mails on a thread of its own, so VRRP and the checkers never wait for a mail server: {@link #alert}
 * only queues (at most {@link #CAPACITY} mails; beyond that new ones are dropped, said once). Each mail is one
 * {@link MailTransport#send}, bounded by smtp_connect_timeout per step. A failure is logged once with the server's
 * address and keepalived's words; the next failures of the same streak only at debug level, and the first success
 * after them says how many were lost. At stop, {@link #close} gives the queued mails (the "Stopping" ones) a
 * bounded time to go.
 */
public final class SmtpAlerter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmtpAlerter.class);
    static final int CAPACITY = 100;
    private static final AlertMail STOP = new AlertMail("", "");

    private final SmtpSettings settings;
    private final MailTransport transport;
    private final BlockingQueue<AlertMail> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread sender;
    private volatile boolean closed;
    private int failedInARow;
    private volatile boolean droppedSaid;
    private final boolean logDetail;

    private SmtpAlerter(SmtpSettings settings, MailTransport transport, boolean logDetail) {
        this.settings = settings;
        this.transport = transport;
        this.logDetail = logDetail;
        this.sender = Thread.ofPlatform().daemon().name("smtp-alerts").start(this::sendLoop);
    }

    /** Mails per the settings through {@code transport}; {@code logDetail} (-D) logs each mail sent, as keepalived. */
    public static SmtpAlerter start(SmtpSettings settings, MailTransport transport, boolean logDetail) {
        return new SmtpAlerter(settings, transport, logDetail);
    }

    public SmtpSettings settings() {
        return settings;
    }

    /** Queues a mail {@code [router_id] subject} with {@code body}; returns at once. */
    public void alert(String subject, String body) {
        if (closed) return;
        if (!queue.offer(AlertMail.of(settings.routerId(), subject, body))) {
            if (!droppedSaid) {
                droppedSaid = true;
                log.warn("SMTP alert '{}' dropped: {} mails already wait for {}", subject, CAPACITY, settings.server());
            }
        }
    }

    private void sendLoop() {
        while (true) {
            AlertMail m;
            try {
                m = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (m == STOP) return;
            send(m);
        }
    }

    private void send(AlertMail m) {
        try {
            transport.send(settings, m);
            if (failedInARow > 0) {
                log.info("SMTP alerts reach {} again ({} not sent before)", settings.server(), failedInARow);
            } else if (logDetail) {
                log.info("SMTP alert successfully sent.");
            }
            failedInARow = 0;
            droppedSaid = false;
        } catch (MailTransport.MailException e) {
            if (failedInARow++ == 0) {
                log.warn("SMTP alert '{}' not sent: {} (further failures to {} are logged once it works again)",
                        m.subject(), e.getMessage(), settings.server());
            } else {
                log.debug("SMTP alert '{}' not sent: {}", m.subject(), e.getMessage());
            }
        } catch (RuntimeException e) {
            failedInARow++;
            log.error("SMTP alert '{}' to {} not sent: {}", m.subject(), settings.server(), e.toString());
        }
    }

    /** Stops taking alerts; waits up to {@code drain} for the queued ones to go, then drops the rest. */
    public void close(Duration drain) {
        if (closed) return;
        closed = true;
        boolean queued = queue.offer(STOP);
        try {
            sender.join(drain.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sender.isAlive()) {
            int left = queue.size() - (queued ? 1 : 0);
            log.warn("SMTP alerts: {} mail(s) to {} not sent at stop (the server did not answer within {} ms)",
                    Math.max(left, 0) + 1, settings.server(), drain.toMillis());
            sender.interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }

}
