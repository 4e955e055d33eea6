package io.javalived.daemon.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon's log lines leave the thread that logs them: a VRRP loop that logs a state change must not wait for
 * the console pipe, the syslog socket or a full disk before its next advert. Each event is made ready (message
 * formatted, thread name taken) on the caller's thread and queued; one background thread writes it to the real
 * appenders (console, syslog) in order. Nothing is dropped: when the queue is full (a flood of lines), the caller
 * waits, as it did before. {@link #flush(Duration)} waits until every line queued so far is written (at exit).
 * logback's AsyncAppender drops INFO lines when its queue fills and has no flush short of stopping it.
 */
public final class BackgroundAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private final List<Appender<ILoggingEvent>> targets;
    private final BlockingQueue<ILoggingEvent> queue;
    private final AtomicLong queued = new AtomicLong();
    private volatile long written;
    private Thread writer;

    public BackgroundAppender(List<Appender<ILoggingEvent>> targets, int capacity) {
        this.targets = List.copyOf(targets);
        this.queue = new ArrayBlockingQueue<>(capacity);
        setName("BACKGROUND");
    }

    @Override
    public void start() {
        writer = Thread.ofPlatform().name("javalived-log").daemon(true).start(this::write);
        super.start();
    }

    @Override
    protected void append(ILoggingEvent e) {
        try {
            e.prepareForDeferredProcessing();
        } catch (RuntimeException ex) {
            addError("log event not prepared (its MDC or arguments): " + ex); // queued all the same
        }
        queued.incrementAndGet();
        try {
            queue.put(e);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            queued.decrementAndGet();
            for (Appender<ILoggingEvent> t : targets) t.doAppend(e); // not lost: written on this thread
        }
    }

    private void write() {
        long n = 0;
        while (true) {
            ILoggingEvent e;
            try {
                e = queue.take();
            } catch (InterruptedException ie) {
                return;
            }
            for (Appender<ILoggingEvent> t : targets) {
                try {
                    t.doAppend(e);
                } catch (RuntimeException ex) {
                    addError("log line not written: " + ex);
                }
            }
            written = ++n;
        }
    }

    /** Waits until every line queued before this call is written, at most {@code timeout}; false if time ran out. */
    public boolean flush(Duration timeout) {
        long target = queued.get();
        long end = System.nanoTime() + timeout.toNanos();
        while (written < target) {
            if (System.nanoTime() - end > 0) return false;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public void stop() {
        flush(Duration.ofSeconds(2));
        super.stop();
        if (writer != null) writer.interrupt();
        for (Appender<ILoggingEvent> t : targets) t.stop();
    }
}
