package io.javalived.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's own encoder writes exactly the bytes logback's PatternLayoutEncoder writes for its pattern. */
class ConsoleLineEncoderTest {
    final LoggerContext context = new LoggerContext();
    {
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    }

    /** logback's reading of the pattern, with the zone given as %d's option (the default zone when null). */
    private PatternLayoutEncoder logback(ZoneId zone) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(context);
        e.setPattern(zone == null ? ConsoleLineEncoder.PATTERN
                : ConsoleLineEncoder.PATTERN.replace("SSS}", "SSS, " + zone.getId() + "}"));
        e.start();
        return e;
    }

    private ConsoleLineEncoder ours(ZoneId zone) {
        ConsoleLineEncoder e = zone == null ? new ConsoleLineEncoder() : new ConsoleLineEncoder(zone);
        e.setContext(context);
        e.start();
        return e;
    }

    private LoggingEvent event(Level level, String message, Throwable t, long at, Object... args) {
        LoggingEvent e = new LoggingEvent("fqcn", context.getLogger("io.javalived.test"), level, message, t,
                args.length == 0 ? null : args);
        e.setTimeStamp(at);
        return e;
    }

    private static final long NOW = Instant.parse("2026-12-07T06:18:00.123Z").toEpochMilli();

    private List<ILoggingEvent> events() {
        IllegalStateException cause = new IllegalStateException("inner\nsecond line of the cause");
        RuntimeException withCause = new RuntimeException("outer", cause);
        withCause.addSuppressed(new java.io.IOException("suppressed one"));
        List<ILoggingEvent> out = new ArrayList<>();
        for (Level l : List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
            out.add(event(l, "(oldboy) Entering BACKUP STATE", null, NOW));
        }
        out.add(event(Level.INFO, "{} started with {} and {}", null, NOW + 1, "VRRP", 3, List.of("a", "b")));
        out.add(event(Level.WARN, "first line\nsecond line\r\n\tthird, tabbed", null, NOW + 999));
        out.add(event(Level.INFO, "", null, NOW));
        out.add(event(Level.INFO, null, null, NOW));
        out.add(event(Level.INFO, "non-ASCII: 主配置 ünïcödé", null, NOW));
        out.add(event(Level.ERROR, "failed: {}", withCause, NOW + 5, "x"));
        out.add(event(Level.DEBUG, "only a trace", new Error(), NOW));
        out.add(event(Level.WARN, "with an argument and a trailing exception {}", null, NOW, "arg",
                new UnsupportedOperationException("last argument")));
        // the edges of the time fields: the epoch, before it, a leap day, the end of a year, DST changes
        for (String t : List.of("1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2028-02-29T12:00:00.007Z",
                "2026-12-31T23:59:59.999Z", "2026-03-29T01:30:00.050Z", "2026-10-25T00:59:59.999Z",
                "2026-10-25T01:00:00Z", "0999-05-06T07:08:09.010Z", "+10000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z")) {
            out.add(event(Level.INFO, t, null, Instant.parse(t).toEpochMilli()));
        }
        return out;
    }

    @Test
    void theSameBytesAsLogbacksPatternLayout() {
        for (ZoneId zone : new ZoneId[] {null, ZoneId.of("UTC"), ZoneId.of("Europe/Paris"), ZoneId.of("Asia/Kolkata"),
                ZoneId.of("America/St_Johns"), ZoneId.of("Pacific/Kiritimati")}) {
            PatternLayoutEncoder reference = logback(zone);
            ConsoleLineEncoder ours = ours(zone);
            for (ILoggingEvent e : events()) {
                assertThat(new String(ours.encode(e))).as("%s in %s", e.getMessage(), zone)
                        .isEqualTo(new String(reference.encode(e)));
                assertThat(ours.encode(e)).isEqualTo(reference.encode(e));
            }
            assertThat(ours.headerBytes() == null ? new byte[0] : ours.headerBytes())
                    .isEqualTo(reference.headerBytes() == null ? new byte[0] : reference.headerBytes());
            assertThat(ours.footerBytes() == null ? new byte[0] : ours.footerBytes())
                    .isEqualTo(reference.footerBytes() == null ? new byte[0] : reference.footerBytes());
        }
    }

    @Test
    void packagingDataAsLogbackWritesIt() {
        context.setPackagingDataEnabled(true);
        try {
            PatternLayoutEncoder reference = logback(null);
            ConsoleLineEncoder ours = ours(null);
            ILoggingEvent e = event(Level.ERROR, "with packaging data", new IllegalStateException("x"), NOW);
            assertThat(new String(ours.encode(e))).isEqualTo(new String(reference.encode(e)));
        } finally {
            context.setPackagingDataEnabled(false);
        }
    }

    /** Through an appender, as the console writes it: the whole stream the same. */
    @Test
    void anAppenderWritesTheSameStream() {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> withOurs = appender(ours(null), a);
        OutputStreamAppender<ILoggingEvent> withLogback = appender(logback(null), b);
        for (ILoggingEvent e : events()) {
            withOurs.doAppend(e);
            withLogback.doAppend(e);
        }
        withOurs.stop();
        withLogback.stop();
        assertThat(a.toByteArray()).isNotEmpty().isEqualTo(b.toByteArray());
    }

    private OutputStreamAppender<ILoggingEvent> appender(ch.qos.logback.core.encoder.Encoder<ILoggingEvent> encoder,
                                                         ByteArrayOutputStream out) {
        OutputStreamAppender<ILoggingEvent> a = new OutputStreamAppender<>();
        a.setContext(context);
        a.setEncoder(encoder);
        a.setOutputStream(out);
        a.start();
        return a;
    }
}
