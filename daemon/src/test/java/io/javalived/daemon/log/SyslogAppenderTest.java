package io.javalived.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.javalived.net.socket.UnixDatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.javalived.daemon.LogSetup;

/**
 * The appender against a real receiver: an AF_UNIX datagram socket bound at a temporary path, as a syslog daemon
 * binds /dev/log. Exact bytes as syslog(3) writes them; the console fallback when nobody listens there.
 */
class SyslogAppenderTest {
    static final Instant AT = Instant.parse("2026-12-02T04:05:06.789Z");
    static final ZoneId UTC = ZoneId.of("UTC");

    @TempDir
    Path dir;

    final LoggerContext context = new LoggerContext();
    {
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    }
    final ListAppender<ILoggingEvent> console = new ListAppender<>();
    /** The daemon's own console appender (LogSetup's pattern), writing here: what an operator would read. */
    final java.io.ByteArrayOutputStream screen = new java.io.ByteArrayOutputStream();
    final AtomicLong nanos = new AtomicLong();

    SyslogAppender appender(SyslogTransport transport, SyslogFacility facility, boolean consoleHasEverything) {
        console.setContext(context);
        console.start();
        var encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(LogSetup.PATTERN);
        encoder.start();
        var real = new ch.qos.logback.core.OutputStreamAppender<ILoggingEvent>();
        real.setContext(context);
        real.setEncoder(encoder);
        real.setOutputStream(screen);
        real.start();
        var both = new ch.qos.logback.core.AppenderBase<ILoggingEvent>() {
            @Override
            protected void append(ILoggingEvent e) {
                console.doAppend(e);
                real.doAppend(e);
            }
        };
        both.setContext(context);
        both.start();
        SyslogAppender a = new SyslogAppender(transport, facility, both, consoleHasEverything, 4242, UTC, nanos::get);
        a.setContext(context);
        a.start();
        return a;
    }

    LoggingEvent event(String logger, Level level, String message, Throwable t) {
        LoggingEvent e = new LoggingEvent("fqcn", context.getLogger(logger), level, message, t, null);
        e.setTimeStamp(AT.toEpochMilli());
        return e;
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void eachEventIsOneDatagramWithPriIdentPidAndMessage() {
        Path at = dir.resolve("log");
        try (var receiver = UnixDatagramSocket.bind(at)) {
            SyslogAppender a = appender(new UnixSyslogTransport(at), SyslogFacility.parse("3").orElseThrow(), false);
            a.doAppend(event("io.javalived.vrrp.runtime.VrrpEngine", Level.INFO, "(VI_1) Entering MASTER STATE", null));
            a.doAppend(event("io.javalived.healthcheck.lvs.Reconciler", Level.WARN, "Removing real server [10.0.0.8]:tcp:80", null));
            a.doAppend(event("io.javalived.daemon.Daemon", Level.ERROR, "VRRP did not start: EPERM", null));
            a.doAppend(event("io.javalived.daemon.Daemon", Level.DEBUG, "détail", null));
            // local3 = 19: PRI 19*8 + 6 (info), + 4 (warning), + 3 (err), + 7 (debug); day of month space-padded
            assertThat(receiver.receive(Duration.ofSeconds(2))).isEqualTo(
                    "<158>Dec  2 04:05:06 Keepalived_vrrp[4242]: (VI_1) Entering MASTER STATE".getBytes(StandardCharsets.US_ASCII));
            assertThat(text(receiver.receive(Duration.ofSeconds(2))))
                    .isEqualTo("<156>Dec  2 04:05:06 Keepalived_healthcheckers[4242]: Removing real server [10.0.0.8]:tcp:80");
            assertThat(text(receiver.receive(Duration.ofSeconds(2)))).isEqualTo("<155>Dec  2 04:05:06 Keepalived[4242]: VRRP did not start: EPERM");
            assertThat(receiver.receive(Duration.ofSeconds(2))).isEqualTo(
                    "<159>Dec  2 04:05:06 Keepalived[4242]: détail".getBytes(StandardCharsets.UTF_8));
            assertThat(console.list).as("nothing on the console while syslog takes the messages").isEmpty();
            a.stop();
        }
    }

    @Test
    void theDefaultFacilityIsDaemonAndAStackTraceFollowsLineByLine() {
        Path at = dir.resolve("log");
        try (var receiver = UnixDatagramSocket.bind(at)) {
            SyslogAppender a = appender(new UnixSyslogTransport(at), SyslogFacility.DAEMON, false);
            a.doAppend(event("io.javalived.daemon.Daemon", Level.DEBUG, "VRRP set-up failure", new IllegalStateException("boom")));
            List<String> got = new ArrayList<>();
            for (byte[] d; (d = receiver.receive(Duration.ofMillis(500))) != null; ) {
                got.add(text(d));
            }
            assertThat(got.getFirst()).isEqualTo("<31>Dec  2 04:05:06 Keepalived[4242]: VRRP set-up failure");
            assertThat(got.get(1)).isEqualTo("<31>Dec  2 04:05:06 Keepalived[4242]: java.lang.IllegalStateException: boom");
            assertThat(got.get(2)).startsWith("<31>Dec  2 04:05:06 Keepalived[4242]: \tat io.javalived.daemon.log.SyslogAppenderTest");
            a.stop();
        }
    }

    @Test
    void noSocketMeansTheConsoleWithOneLineSayingSoUntilASyslogDaemonListensAgain() {
        Path at = dir.resolve("absent");
        SyslogAppender a = appender(new UnixSyslogTransport(at), SyslogFacility.DAEMON, false);
        a.doAppend(event("io.javalived.daemon.Daemon", Level.INFO, "Starting javalived", null));
        a.doAppend(event("io.javalived.daemon.Daemon", Level.INFO, "second", null));
        assertThat(console.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "syslog: cannot log to " + at + ": ENOENT (No such file or directory); logging to the console instead",
                "Starting javalived", "second");
        assertThat(console.list.getFirst().getLevel()).isEqualTo(Level.WARN);
        assertThat(console.list.getFirst().getThrowableProxy()).as("no stack trace").isNull();
        assertThat(screen.toString(StandardCharsets.UTF_8).lines().toList()).as("as the console prints them").satisfiesExactly(
                l -> assertThat(l).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]{12} WARN  syslog: cannot log to .*; logging to the console instead"),
                l -> assertThat(l).endsWith(" INFO  Starting javalived"),
                l -> assertThat(l).endsWith(" INFO  second"));

        try (var receiver = UnixDatagramSocket.bind(at)) {
            a.doAppend(event("io.javalived.daemon.Daemon", Level.INFO, "within the retry pause", null));
            assertThat(receiver.receive(Duration.ofMillis(100))).as("not tried again before the pause is over").isNull();
            nanos.addAndGet(SyslogAppender.RETRY_NANOS);
            a.doAppend(event("io.javalived.daemon.Daemon", Level.INFO, "back", null));
            assertThat(text(receiver.receive(Duration.ofSeconds(2)))).isEqualTo("<30>Dec  2 04:05:06 Keepalived[4242]: back");
            assertThat(console.list).extracting(ILoggingEvent::getFormattedMessage).endsWith(
                    "within the retry pause", "syslog: " + at + " takes messages again; logging there");
            a.stop();
        }
    }

    @Test
    void aSyslogDaemonThatGoesAwayIsReportedOnceAndItsRestartIsPickedUp() {
        Path at = dir.resolve("log");
        UnixDatagramSocket first = UnixDatagramSocket.bind(at);
        SyslogAppender a = appender(new UnixSyslogTransport(at), SyslogFacility.DAEMON, false);
        a.doAppend(event("io.javalived.daemon.Daemon", Level.INFO, "one", null));
        assertThat(text(first.receive(Duration.ofSeconds(2)))).endsWith(": one");
        first.close(); // the daemon died; its socket file stays
        a.doAppend(event("io.javalived.daemon.Daemon", Level.INFO, "two", null));
        assertThat(console.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "syslog: cannot log to " + at + ": ECONNREFUSED (Connection refused); logging to the console instead", "two");
        try {
            java.nio.file.Files.delete(at);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        try (var restarted = UnixDatagramSocket.bind(at)) { // a restarted daemon binds the path anew
            nanos.addAndGet(SyslogAppender.RETRY_NANOS);
            a.doAppend(event("io.javalived.daemon.Daemon", Level.INFO, "three", null));
            assertThat(text(restarted.receive(Duration.ofSeconds(2)))).endsWith(": three");
            a.stop();
        }
    }

    @Test
    void withTheConsoleAlreadyLoggingEverythingOnlyTheNoticeIsAdded() {
        var transport = new InMemorySyslogTransport();
        SyslogAppender a = appender(transport, SyslogFacility.DAEMON, true);
        a.doAppend(event("io.javalived.daemon.Daemon", Level.INFO, "kept", null));
        transport.refuse("EAGAIN (Resource temporarily unavailable)");
        a.doAppend(event("io.javalived.daemon.Daemon", Level.INFO, "lost", null));
        a.doAppend(event("io.javalived.daemon.Daemon", Level.INFO, "lost too", null));
        assertThat(transport.messages()).containsExactly("<30>Dec  2 04:05:06 Keepalived[4242]: kept");
        assertThat(console.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "syslog: cannot log to memory: EAGAIN (Resource temporarily unavailable); logging to the console only");
    }
}
