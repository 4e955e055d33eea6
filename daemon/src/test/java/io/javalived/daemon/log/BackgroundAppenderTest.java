package io.javalived.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BackgroundAppenderTest {
    /** Records each line and the thread that wrote it; can be held shut like a stalled console pipe. */
    static final class Recording extends AppenderBase<ILoggingEvent> {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        protected void append(ILoggingEvent e) {
            try {
                gate.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            lines.add(e.getFormattedMessage());
            threads.add(Thread.currentThread().getName());
        }
    }

    static ILoggingEvent event(LoggerContext c, String message, Object arg) {
        return new LoggingEvent(BackgroundAppenderTest.class.getName(), c.getLogger("t"), Level.INFO, message, null,
                new Object[] {arg});
    }

    @Test
    @Timeout(30)
    void aStalledTargetDoesNotHoldTheCallerAndEveryLineComesOutInOrder() {
        LoggerContext c = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        Recording target = new Recording();
        target.setContext(c);
        target.start();
        target.gate = new CountDownLatch(1); // the console pipe is full
        BackgroundAppender b = new BackgroundAppender(List.of(target), 1024);
        b.setContext(c);
        b.start();
        // were the caller held by the stalled target, this loop would not end (the test's timeout fails it)
        for (int i = 0; i < 100; i++) b.doAppend(event(c, "line {}", i));
        assertThat(target.lines).as("nothing written while the target is stalled").isEmpty();
        assertThat(b.flush(Duration.ofMillis(50))).as("flush reports that lines are still waiting").isFalse();
        target.gate.countDown();
        assertThat(b.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(target.lines).hasSize(100).startsWith("line 0", "line 1").endsWith("line 99");
        assertThat(target.threads).containsOnly("javalived-log");
        b.stop();
    }
}
