package io.javalived.daemon.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The twin of {@link SmtpTransport} for unit tests: keeps every mail it was given; {@link #failWith} makes the next
 * sends fail with that message, {@link #block} makes them wait until released (a server that never answers).
 */
public final class InMemoryMailTransport implements MailTransport {
    private final List<AlertMail> sent = new ArrayList<>();
    private volatile String failure;
    private volatile CountDownLatch gate;

    @Override
    public void send(SmtpSettings settings, AlertMail mail) throws MailException {
        CountDownLatch g = gate;
        if (g != null) {
            try {
                if (!g.await(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new MailException("Timeout reading data to remote SMTP server " + settings.server() + ".");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MailException("interrupted");
            }
        }
        String f = failure;
        if (f != null) throw new MailException(f);
        synchronized (sent) {
            sent.add(mail);
        }
    }

    public List<AlertMail> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** Waits until {@code n} mails were sent (at most {@code within}), then a little more for any extra one. */
    public List<AlertMail> awaitSent(int n, java.time.Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (sent().size() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        return sent();
    }

    /** Later sends fail with {@code message}; null makes them succeed again. */
    public void failWith(String message) {
        failure = message;
    }

    /** Later sends wait (up to the settings' timeout) until {@link #release}. */
    public void block() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch g = gate;
        gate = null;
        if (g != null) g.countDown();
    }
}
