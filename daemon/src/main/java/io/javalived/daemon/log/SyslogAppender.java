package io.javalived.daemon.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.time.ZoneId;
import java.util.function.LongSupplier;

/**
 * Sends each log event to syslog as syslog(3) would ({@link SyslogFormat}, ident by {@link SyslogIdent}, this
 * process's pid, the configured facility); a stack trace, when an event carries one, follows as one message per line.
 *
 * <p>When the syslog socket is absent or refuses, the event goes to the console appender instead, and the console
 * gets one line saying so; while it stays unavailable the socket is tried again at most every {@link #RETRY_NANOS},
 * and when it takes messages again another line says that. With {@code -l} the console already has every event: then
 * only those two lines are written there. Logback's own SyslogAppender is not used: it sends UDP to a host, and the
 * local syslog daemons (rsyslog's imuxsock, journald) listen on {@code /dev/log}, as keepalived expects.
 */
public final class SyslogAppender extends AppenderBase<ILoggingEvent> {
    static final long RETRY_NANOS = 5_000_000_000L;

    private final SyslogTransport transport;
    private final SyslogFacility facility;
    private final Appender<ILoggingEvent> console;
    private final boolean consoleHasEverything;
    private final long pid;
    private final LocalTimeZone zone;
    private final LongSupplier nanoTime;
    private boolean unavailable;
    private long lastTry;

    /**
     * @param console where events go while syslog is unavailable, and the lines that say so
     * @param consoleHasEverything whether {@code console} is also attached to the loggers (-l): then events are not
     *                             copied there
     */
    public SyslogAppender(SyslogTransport transport, SyslogFacility facility, Appender<ILoggingEvent> console,
                          boolean consoleHasEverything, long pid, ZoneId zone, LongSupplier nanoTime) {
        this(transport, facility, console, consoleHasEverything, pid, LocalTimeZone.of(zone), nanoTime);
    }

    private SyslogAppender(SyslogTransport transport, SyslogFacility facility, Appender<ILoggingEvent> console,
                           boolean consoleHasEverything, long pid, LocalTimeZone zone, LongSupplier nanoTime) {
        this.transport = transport;
        this.facility = facility;
        this.console = console;
        this.consoleHasEverything = consoleHasEverything;
        this.pid = pid;
        this.zone = zone;
        this.nanoTime = nanoTime;
        setName("SYSLOG");
    }

    /** For the daemon: this process's pid, the system's time zone and clock. */
    public SyslogAppender(SyslogTransport transport, SyslogFacility facility, Appender<ILoggingEvent> console,
                          boolean consoleHasEverything) {
        this(transport, facility, console, consoleHasEverything, ProcessHandle.current().pid(),
                LocalTimeZone.systemDefault(), System::nanoTime);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (unavailable && nanoTime.getAsLong() - lastTry < RETRY_NANOS) {
            toConsole(event);
            return;
        }
        try {
            send(event);
            if (unavailable) {
                unavailable = false;
                announce(Level.INFO, "syslog: " + transport.target() + " takes messages again; logging there");
            }
        } catch (SyslogTransport.Unavailable e) {
            lastTry = nanoTime.getAsLong();
            if (!unavailable) {
                unavailable = true;
                announce(Level.WARN, "syslog: cannot log to " + transport.target() + ": " + e.getMessage() + "; "
                        + (consoleHasEverything ? "logging to the console only" : "logging to the console instead"));
            }
            toConsole(event);
        }
    }

    private void send(ILoggingEvent event) throws SyslogTransport.Unavailable {
        int severity = SyslogFormat.severity(event.getLevel());
        long at = event.getTimeStamp();
        String ident = SyslogIdent.of(event.getLoggerName());
        transport.send(SyslogFormat.datagram(facility, severity, at, zone, ident, pid, event.getFormattedMessage()));
        if (event.getThrowableProxy() != null) {
            for (String line : ThrowableProxyUtil.asString(event.getThrowableProxy()).split("\n")) {
                transport.send(SyslogFormat.datagram(facility, severity, at, zone, ident, pid, line.stripTrailing()));
            }
        }
    }

    private void toConsole(ILoggingEvent event) {
        if (!consoleHasEverything) {
            console.doAppend(event);
        }
    }

    /** One line straight to the console (not through the loggers, which would come back here). */
    private void announce(Level level, String message) {
        LoggerContext context = getContext() instanceof LoggerContext c ? c : new LoggerContext();
        console.doAppend(new LoggingEvent(SyslogAppender.class.getName(), context.getLogger(SyslogAppender.class), level,
                message, null, null));
    }

    @Override
    public void stop() {
        super.stop();
        transport.close();
    }
}
