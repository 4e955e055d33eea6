package io.javalived.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.javalived.daemon.log.BackgroundAppender;
import io.javalived.daemon.log.ConsoleLineEncoder;
import io.javalived.daemon.log.LogTarget;
import io.javalived.daemon.log.SyslogAppender;
import io.javalived.daemon.log.UnixSyslogTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * javalived's logging, set up in code (found by logback through the service loader) instead of from an XML
 * file: keepalived-like lines (time, level, message) on the console, {@code io.javalived} at the level
 * {@code javalived.log.level} names (INFO, or DEBUG with -D), everything else at WARN. Skipping logback's XML
 * configurator saves about a fifth of the daemon's start. {@code -Dlogback.configurationFile=FILE} still
 * wins: then logback's own configurators run.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    /** The console's lines in logback's notation: what {@link ConsoleLineEncoder} writes. */
    public static final String PATTERN = ConsoleLineEncoder.PATTERN;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console(context));
        context.getLogger("io.javalived").setLevel(Level.toLevel(System.getProperty("javalived.log.level"), Level.INFO));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    public static ConsoleAppender<ILoggingEvent> console(LoggerContext context) {
        ConsoleLineEncoder encoder = new ConsoleLineEncoder();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder);
        console.start();
        return console;
    }

    /**
     * The run path's logging, as keepalived's flags ask ({@link LogTarget}): syslog over the local socket unless -G,
     * the console with -l (or instead of syslog while its socket is absent or refuses), DEBUG with -D. Replaces the
     * console-only set-up every other command keeps. A logback file given with {@code -Dlogback.configurationFile}
     * still wins: then only the level is set.
     */
    public static void forDaemon(LogTarget target) {
        System.setProperty("javalived.log.level", target.detail() ? "DEBUG" : "INFO");
        if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.getLogger("io.javalived").setLevel(target.detail() ? Level.DEBUG : Level.INFO);
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        flush(); // a previous run in this JVM (tests): its lines out before its appenders go
        root.detachAndStopAllAppenders();
        ConsoleAppender<ILoggingEvent> console = console(context);
        List<Appender<ILoggingEvent>> targets = new ArrayList<>();
        if (target.console()) {
            targets.add(console);
        }
        if (target.syslog()) {
            SyslogAppender syslog = new SyslogAppender(new UnixSyslogTransport(target.socket()), target.facility(),
                    console, target.console());
            syslog.setContext(context);
            syslog.start();
            targets.add(syslog);
        }
        // written by a background thread: the VRRP loop never waits for the console or syslog (issue 19)
        BackgroundAppender background = new BackgroundAppender(targets, QUEUED_LINES);
        background.setContext(context);
        background.start();
        root.addAppender(background);
        LogSetup.background = background;
        Logger log = context.getLogger(LogSetup.class);
        log.debug("logging: {}{}, level DEBUG (-D)", target.syslog() ? "syslog at " + target.socket() + " with facility "
                + target.facility().name() : "no syslog (-G)", target.console() ? ", and the console (-l)" : "");
        for (String problem : target.problems()) {
            if (!target.console() && !target.syslog()) {
                console.doAppend(warning(context, problem));
            } else {
                log.warn(problem);
            }
        }
    }

    /** Lines that may wait for the background writer before a caller waits for room (a flood). */
    private static final int QUEUED_LINES = 8192;
    private static volatile BackgroundAppender background;

    /** Waits (at most 2 s) until every line logged so far is written: before the process exits. */
    public static void flush() {
        BackgroundAppender b = background;
        if (b != null) b.flush(java.time.Duration.ofSeconds(2));
    }

    private static ILoggingEvent warning(LoggerContext context, String message) {
        return new ch.qos.logback.classic.spi.LoggingEvent(LogSetup.class.getName(), context.getLogger(LogSetup.class),
                Level.WARN, message, null, null);
    }
}
