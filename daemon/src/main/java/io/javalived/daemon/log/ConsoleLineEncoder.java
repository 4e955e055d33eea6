package io.javalived.daemon.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The console's lines, {@code 2026-12-07T06:18:00.123 INFO  message} (then an exception's stack trace, if any): byte
 * for byte what logback's {@code PatternLayoutEncoder} writes for {@link #PATTERN} ({@code ConsoleLineEncoderTest}
 * compares the two), without {@code PatternLayout}, whose static converter map (some fifty converters and their
 * lambdas), pattern parser and compiler ran at every daemon start. The time is in this JVM's default zone, as
 * logback's {@code %d} without a zone (its offset from {@link LocalTimeZone}); the stack trace is logback's own (its {@code ThrowableProxyConverter}, made at
 * the first exception, as the layout appends it when the pattern names none). Text is encoded in the default charset,
 * as that encoder does without one.
 */
public final class ConsoleLineEncoder extends EncoderBase<ILoggingEvent> {
    /** The pattern these lines follow, in logback's notation. */
    public static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS} %-5level %msg%n";

    private static final String LINE_SEPARATOR = System.lineSeparator();

    private final LocalTimeZone zone;
    /** For years outside 1000-9999, which the pattern writes with a sign or as years of an era. */
    private DateTimeFormatter unusualYears;
    private ThrowableProxyConverter throwables;

    public ConsoleLineEncoder() {
        this.zone = LocalTimeZone.systemDefault();
    }

    /** Times in {@code zone} (tests; logback's {@code %d{PATTERN, ZONE}}). */
    ConsoleLineEncoder(ZoneId zone) {
        this.zone = LocalTimeZone.of(zone);
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return line(event).getBytes();
    }

    /** The event's text: one line (more when the message has line breaks), then the stack trace. */
    String line(ILoggingEvent event) {
        StringBuilder sb = new StringBuilder(128);
        time(sb, event.getTimeStamp());
        sb.append(' ');
        String level = event.getLevel().toString();
        sb.append(level);
        for (int i = level.length(); i < 5; i++) {
            sb.append(' ');
        }
        sb.append(' ').append(event.getFormattedMessage()).append(LINE_SEPARATOR);
        if (event.getThrowableProxy() != null) {
            sb.append(throwables().convert(event));
        }
        return sb.toString();
    }

    /** yyyy-MM-dd'T'HH:mm:ss.SSS in the zone. */
    private void time(StringBuilder sb, long epochMillis) {
        LocalDateTime t = zone.at(epochMillis);
        int year = t.getYear();
        if (year < 1000 || year > 9999) {
            sb.append(unusualYears().format(Instant.ofEpochMilli(epochMillis)));
            return;
        }
        sb.append(year).append('-');
        LocalTimeZone.twoDigits(sb, t.getMonthValue()).append('-');
        LocalTimeZone.twoDigits(sb, t.getDayOfMonth()).append('T');
        LocalTimeZone.appendClock(sb, t).append('.');
        int ms = t.getNano() / 1_000_000;
        sb.append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
    }

    private synchronized DateTimeFormatter unusualYears() {
        if (unusualYears == null) {
            unusualYears = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(zone.zoneId());
        }
        return unusualYears;
    }

    private synchronized ThrowableProxyConverter throwables() {
        if (throwables == null) {
            ThrowableProxyConverter c = getContext() instanceof LoggerContext lc && lc.isPackagingDataEnabled()
                    ? new ExtendedThrowableProxyConverter() : new ThrowableProxyConverter();
            c.setContext(getContext());
            c.start();
            throwables = c;
        }
        return throwables;
    }
}
